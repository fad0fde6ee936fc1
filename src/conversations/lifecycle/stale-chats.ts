import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseTimeline } from '../../cases/case-timeline';
import { HelpCases } from '../../cases/help-cases';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../queue/job-queue';
import { Chat } from '../chat';
import { ConversationStore } from '../conversation-store';
import { ChatClosing } from './chat-closing';
import { lifecycleMessage } from './lifecycle-messages';
import { LifecycleStore } from './lifecycle-store';
import { LifecycleTimers, STALE_JOB } from './lifecycle-timers';
import { OnceNotices } from './once-notices';

const HOUR = 3600_000;
type Stage = 'remind' | 'close';

/**
 * The countdown of a chat waiting for the player (the last message is an agent's, or an agent said
 * so): a reminder after STALE_CHAT_HOURS, the chat closed after AUTO_CLOSE_HOURS more. It is keyed
 * by its start (`awaitingPlayerSince`): a player's answer clears it, a later agent message restarts
 * it, and the timers of an earlier start find nothing to do.
 */
@Injectable()
export class StaleChats implements OnModuleInit {
  constructor(
    private readonly store: LifecycleStore,
    private readonly chats: ConversationStore,
    private readonly timers: LifecycleTimers,
    private readonly queue: JobQueue,
    private readonly notices: OnceNotices,
    private readonly timeline: CaseTimeline,
    private readonly helpCases: HelpCases,
    private readonly closing: ChatClosing,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(STALE_JOB, { run: (payload) => this.fire(payload), timer: true });
  }

  /** The countdown starts now (an agent's message, or "waiting for the player"). */
  async startCountdown(conversationId: string, since: Date): Promise<{ remindAt: Date; closeAt: Date }> {
    await this.schedule(conversationId, since, 'remind');
    return { remindAt: this.dueAt(since, 'remind'), closeAt: this.dueAt(since, 'close') };
  }

  private dueAt(since: Date, stage: Stage): Date {
    const hours = this.config.STALE_CHAT_HOURS + (stage === 'close' ? this.config.AUTO_CLOSE_HOURS : 0);
    return new Date(since.getTime() + hours * HOUR);
  }

  private schedule(conversationId: string, since: Date, stage: Stage): Promise<void> {
    const payload = { conversationId, stage, since: since.toISOString(), dueAt: this.dueAt(since, stage).toISOString() };
    return this.timers.at(STALE_JOB, payload, `${STALE_JOB}:${conversationId}:${since.getTime()}:${stage}`);
  }

  private async fire(payload: { conversationId: string; stage: Stage; since: string; dueAt: string }): Promise<void> {
    this.timers.assertDue(payload);
    const state = await this.store.state(payload.conversationId);
    const since = new Date(payload.since);
    // Answered, restarted, or closed meanwhile: this countdown is over.
    if (!state || state.mode === 'CLOSED' || state.awaitingPlayerSince?.getTime() !== since.getTime()) return;
    const chat = (await this.chats.byId(payload.conversationId))!;
    const caseNumber = await this.helpCases.numberOf(chat.caseId);
    if (payload.stage === 'remind') return this.remind(chat, since, caseNumber);
    await this.autoClose(chat, since, caseNumber);
  }

  private async remind(chat: Chat, since: Date, caseNumber: number | null): Promise<void> {
    const text = lifecycleMessage(chat.locale, 'staleReminder', { hours: this.config.AUTO_CLOSE_HOURS });
    await this.notices.send(chat, `staleReminder:${since.getTime()}`, { text }, (db) => this.store.claimReminder(chat.id, since, this.clock.now(), db));
    if (caseNumber !== null) await this.timeline.waitingOnPlayer(caseNumber);
    await this.schedule(chat.id, since, 'close');
  }

  /** The close and everything after it are stored together (ChatClosing): a crash after it loses no effect. */
  private async autoClose(chat: Chat, since: Date, caseNumber: number | null): Promise<void> {
    const silentHours = this.config.STALE_CHAT_HOURS + this.config.AUTO_CLOSE_HOURS;
    const notice = { text: lifecycleMessage(chat.locale, 'autoClosed'), event: `autoClosed:${since.getTime()}` };
    // Ended where the chat is carried now (its staff thread after a Flex fallback), not on the configured platform.
    await this.closing.close(chat, { notice, cause: { by: 'lifecycle', silentHours }, caseNumber, closePlatform: true });
  }
}
