import { Injectable, Logger } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { StaffAlerts, WaitingChatAlert } from '../ports';

/** What the lifecycle tells live staff views (the web desk's event stream subscribes to `events`). */
export type LifecycleEvent = { type: 'chat.waiting'; at: Date } & WaitingChatAlert;

/** In-process: every replica's desk stream sees the alerts its own workers raise. */
@Injectable()
export class StaffAlertStream {
  private readonly subject = new Subject<LifecycleEvent>();

  get events(): Observable<LifecycleEvent> {
    return this.subject.asObservable();
  }

  publish(event: LifecycleEvent): void {
    this.subject.next(event);
  }
}

/** The StaffAlerts binding until a staff channel exists (issue 10 brings Discord's): a log line. */
@Injectable()
export class LoggingStaffAlerts extends StaffAlerts {
  private readonly logger = new Logger('StaffAlerts');

  chatWaiting(alert: WaitingChatAlert): Promise<void> {
    const what = alert.caseNumber === null ? `chat ${alert.conversationId}` : `case #${alert.caseNumber}`;
    this.logger.warn(`${what} (${alert.player.displayName}) has waited ${alert.waitingMinutes} min for an agent (target ${alert.targetMinutes} min, alert ${alert.alert})`);
    return Promise.resolve();
  }
}
