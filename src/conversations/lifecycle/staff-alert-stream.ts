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

/** The StaffAlerts binding without a staff channel: waiting chats are in the desks already; re-alerts become a log line. */
@Injectable()
export class LoggingStaffAlerts extends StaffAlerts {
  private readonly logger = new Logger('StaffAlerts');

  chatWaiting(): Promise<void> {
    return Promise.resolve();
  }

  chatClosed(): Promise<void> {
    return Promise.resolve();
  }

  stillWaiting(alert: WaitingChatAlert): Promise<void> {
    const what = alert.caseNumber === null ? `chat ${alert.conversationId}` : `case #${alert.caseNumber}`;
    this.logger.warn(`${what} (${alert.player.displayName}) has waited ${alert.waitingMinutes} min for an agent (target ${alert.targetMinutes} min, alert ${alert.alert})`);
    return Promise.resolve();
  }
}
