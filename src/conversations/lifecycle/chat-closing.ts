import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CaseTimeline } from '../../cases/case-timeline';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../queue/job-queue';
import { Carriers } from '../carriers';
import { Chat, ChatMode, toChatRef } from '../chat';
import { ConversationStore } from '../conversation-store';
import { MessageStore } from '../message-store';
import { PlayerDelivery } from '../player-delivery';
import { CloseCause, PlayerUnreachableError, StaffAlerts } from '../ports';
import { Satisfaction } from './satisfaction';

export const CLOSED_JOB = 'chat.closed';

/** What follows a close, each its own job: one that keeps failing (a desk down) holds up none of the others. */
type Effect = 'notice' | 'platform' | 'alert' | 'case';

interface ClosedJob {
  conversationId: string;
  effect: Effect;
  /** The stored notice's event (`details.event`), delivered by the `notice` job. */
  event: string;
  caseNumber: number | null;
  cause: CloseCause;
  closedAt: string;
  /** The chat before it closed: whether it had an agent decides the survey. */
  before: { mode: ChatMode; agentName: string | null };
}

declare module '../../queue/job-map' {
  interface JobMap {
    [CLOSED_JOB]: ClosedJob;
  }
}

export interface CloseRequest {
  /** What the player is told, and its event key in the transcript. */
  notice: { text: string; event: string };
  cause: CloseCause;
  caseNumber: number | null;
  /** End the chat on the platform carrying it too (not when that platform ended it). */
  closePlatform: boolean;
}

/**
 * Closes a chat crash-safe: ONE transaction moves it to CLOSED, resolves its case, stores the
 * player's notice (PENDING) and enqueues a job per effect that follows (the notice's delivery
 * then the survey, the close on the platform carrying the chat, the staff alert, an auto-close's
 * case status and entry), each by a dedupe key. A crash at any point loses none of them, and a retried job repeats no send: the
 * notice goes out under its stored id (nonce), the platform close and the case entries are idempotent.
 */
@Injectable()
export class ChatClosing implements OnModuleInit {
  private readonly logger = new Logger(ChatClosing.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly chats: ConversationStore,
    private readonly messages: MessageStore,
    private readonly delivery: PlayerDelivery,
    private readonly carriers: Carriers,
    private readonly alerts: StaffAlerts,
    private readonly timeline: CaseTimeline,
    private readonly satisfaction: Satisfaction,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(CLOSED_JOB, (payload) => this.follow(payload));
  }

  /** Closes `chat` (as it was before) once; false when something closed it first (and nothing is queued). */
  close(chat: Chat, request: CloseRequest): Promise<boolean> {
    const closedAt = this.clock.now();
    return this.queue.transaction(async (tx, enqueue) => {
      if (!(await this.chats.close(chat.id, closedAt, tx))) return false;
      const { text, event } = request.notice;
      await this.messages.storeOutbound(chat, { authorKind: 'SYSTEM', authorName: 'system', body: text, details: { event } }, tx);
      if (chat.caseId) await this.timeline.resolved(chat.caseId, closedAt, tx);
      const job = { conversationId: chat.id, event, caseNumber: request.caseNumber, cause: request.cause, closedAt: closedAt.toISOString(), before: { mode: chat.mode, agentName: chat.agentName } };
      for (const effect of this.effectsOf(chat, request)) await enqueue(CLOSED_JOB, { ...job, effect }, { dedupeKey: `${CLOSED_JOB}:${chat.id}:${effect}` });
      return true;
    });
  }

  private effectsOf(chat: Chat, request: CloseRequest): Effect[] {
    const effects: Effect[] = ['notice'];
    if (request.closePlatform) effects.push('platform');
    if (request.caseNumber !== null) effects.push('alert');
    if (request.cause.by === 'lifecycle' && request.caseNumber !== null) effects.push('case');
    return effects;
  }

  private async follow(job: ClosedJob): Promise<void> {
    const chat = await this.chats.byId(job.conversationId);
    if (!chat) return;
    const carrier = this.carriers.of(chat);
    switch (job.effect) {
      case 'notice':
        return this.notify(chat, job);
      case 'platform':
        return carrier.close(toChatRef(chat, job.caseNumber), job.cause);
      case 'alert':
        return this.alerts.chatClosed({ caseNumber: job.caseNumber!, player: chat.player, locale: chat.locale, platform: carrier.name });
      case 'case':
        // An automatic close: the case's status and AUTO_CLOSED entry (a status change tells the reporter, so not inside the close).
        if (job.cause.by === 'lifecycle') await this.timeline.autoClosed(job.caseNumber!, this.config.AUTO_CLOSE_CASE_STATUS, job.cause.silentHours, chat.id);
    }
  }

  /** The stored notice (delivered at most once: its id is the nonce), then the survey, which must come after it. */
  private async notify(chat: Chat, job: ClosedJob): Promise<void> {
    try {
      await this.delivery.retryAnnouncement(chat, job.event);
    } catch (error) {
      if (!(error instanceof PlayerUnreachableError)) throw error;
      this.logger.warn(`The player of conversation ${chat.id} does not accept DMs: no close notice, no survey`);
      return;
    }
    await this.satisfaction.scheduleSurvey({ ...chat, ...job.before }, new Date(job.closedAt));
  }
}
