import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseTimeline } from '../../cases/case-timeline';
import { HelpCases } from '../../cases/help-cases';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../queue/job-queue';
import { ConversationStore } from '../conversation-store';
import { StaffAlerts } from '../ports';
import { LifecycleStore } from './lifecycle-store';
import { LifecycleTimers, SLA_JOB } from './lifecycle-timers';
import { StaffAlertStream } from './staff-alert-stream';

const MINUTE = 60_000;

/**
 * First-response target: a chat without an agent reply SLA_FIRST_RESPONSE_MINUTES after its clock
 * started re-alerts staff, then again at each multiple up to SLA_MAX_ALERTS; the first breach makes
 * the case HIGH. One timer job per alert, each scheduling the next.
 */
@Injectable()
export class SlaEscalation implements OnModuleInit {
  constructor(
    private readonly store: LifecycleStore,
    private readonly chats: ConversationStore,
    private readonly timers: LifecycleTimers,
    private readonly queue: JobQueue,
    private readonly timeline: CaseTimeline,
    private readonly helpCases: HelpCases,
    private readonly alerts: StaffAlerts,
    private readonly stream: StaffAlertStream,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(SLA_JOB, { run: (payload) => this.check(payload), timer: true });
  }

  private get targetMs(): number {
    return this.config.SLA_FIRST_RESPONSE_MINUTES * MINUTE;
  }

  /** The clock starts at `startsAt` (now, or the next opening of support). */
  async start(conversationId: string, startsAt: Date): Promise<void> {
    const start = await this.store.startSla(conversationId, startsAt);
    await this.schedule(conversationId, start, 1);
  }

  private schedule(conversationId: string, start: Date, alert: number): Promise<void> {
    const dueAt = new Date(start.getTime() + alert * this.targetMs).toISOString();
    return this.timers.at(SLA_JOB, { conversationId, alert, dueAt }, `${SLA_JOB}:${conversationId}:${alert}`);
  }

  private async check(payload: { conversationId: string; alert: number; dueAt: string }): Promise<void> {
    this.timers.assertDue(payload);
    const { conversationId, alert } = payload;
    const state = await this.store.state(conversationId);
    if (!state?.slaStartsAt || state.agentRepliedAt || !['AGENT_REQUESTED', 'AGENT'].includes(state.mode)) return;
    const now = this.clock.now();
    const waitingMinutes = Math.floor((now.getTime() - state.slaStartsAt.getTime()) / MINUTE);
    const caseNumber = await this.helpCases.numberOf(state.caseId);
    if (alert === 1 && caseNumber !== null) await this.timeline.slaBreached(caseNumber, waitingMinutes, this.config.SLA_FIRST_RESPONSE_MINUTES);
    if (await this.store.claimSlaAlert(conversationId, alert)) {
      const chat = (await this.chats.byId(conversationId))!;
      const raised = { conversationId, caseNumber, player: chat.player, alert, waitingMinutes, targetMinutes: this.config.SLA_FIRST_RESPONSE_MINUTES, platform: chat.platform };
      try {
        await this.alerts.stillWaiting(raised);
      } catch (error) {
        await this.store.releaseSlaAlert(conversationId, alert);
        throw error;
      }
      this.stream.publish({ type: 'chat.waiting', at: now, ...raised });
    }
    if (alert < this.config.SLA_MAX_ALERTS) await this.schedule(conversationId, state.slaStartsAt, alert + 1);
  }
}
