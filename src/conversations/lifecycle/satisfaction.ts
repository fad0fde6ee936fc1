import { Injectable, OnModuleInit } from '@nestjs/common';
import { CaseTimeline } from '../../cases/case-timeline';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../queue/job-queue';
import { Chat } from '../chat';
import { ConversationStore } from '../conversation-store';
import { Locale, PlayerChannel } from '../ports';
import { lifecycleMessage } from './lifecycle-messages';
import { LifecycleStore } from './lifecycle-store';
import { CSAT_JOB, LifecycleTimers } from './lifecycle-timers';
import { OnceNotices } from './once-notices';

export const CSAT_SCALE = 5;

/**
 * "How did we do?" after a chat with an agent closes: sent once from a job (never inside the
 * close), answered once per chat, stored on the case. CSAT_ENABLED=false turns it off.
 */
@Injectable()
export class Satisfaction implements OnModuleInit {
  constructor(
    private readonly store: LifecycleStore,
    private readonly chats: ConversationStore,
    private readonly timers: LifecycleTimers,
    private readonly queue: JobQueue,
    private readonly notices: OnceNotices,
    private readonly timeline: CaseTimeline,
    private readonly player: PlayerChannel,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(CSAT_JOB, { run: ({ conversationId }) => this.sendSurvey(conversationId), timer: true });
  }

  /** The survey of a closed chat, once (by its key): it had an agent when one joined or was being waited for. */
  async scheduleSurvey(chat: Pick<Chat, 'id' | 'caseId' | 'agentName' | 'mode'>, at: Date): Promise<void> {
    const hadAgent = chat.agentName !== null || chat.mode === 'AGENT';
    if (!this.config.CSAT_ENABLED || !hadAgent || !chat.caseId) return;
    await this.timers.at(CSAT_JOB, { conversationId: chat.id, dueAt: at.toISOString() }, `${CSAT_JOB}:${chat.id}`);
  }

  private async sendSurvey(conversationId: string): Promise<void> {
    const chat = await this.chats.byId(conversationId);
    if (!chat) return;
    const notice = { text: lifecycleMessage(chat.locale, 'csatQuestion'), survey: { id: chat.id, scale: CSAT_SCALE } };
    await this.notices.send(chat, 'csat', notice, (db) => this.store.claimSurvey(chat.id, this.clock.now(), db));
  }

  /** A score from the survey's buttons; `accepted` is false when this chat was already rated. */
  async rate(input: { surveyId: string; playerId: string; score: number }): Promise<{ accepted: boolean; locale: Locale }> {
    if (!Number.isInteger(input.score) || input.score < 1 || input.score > CSAT_SCALE) {
      throw DomainError.validation([{ field: 'score', messages: [`must be a whole number from 1 to ${CSAT_SCALE}`] }]);
    }
    const chat = await this.surveyOf(input.surveyId, input.playerId);
    if (!(await this.store.claimSurveyAnswer(chat.id, input.playerId, this.clock.now()))) return { accepted: false, locale: chat.locale };
    await this.timeline.satisfaction(chat.caseId!, { score: input.score, agent: chat.agentName, actor: `${this.player.name}:${input.playerId}` });
    return { accepted: true, locale: chat.locale };
  }

  /** The optional comment after the score; once. */
  async comment(input: { surveyId: string; playerId: string; comment: string }): Promise<{ accepted: boolean; locale: Locale }> {
    const chat = await this.surveyOf(input.surveyId, input.playerId);
    const text = input.comment.trim().slice(0, 1000);
    if (!text) return { accepted: true, locale: chat.locale };
    const accepted = await this.timeline.satisfactionComment(chat.caseId!, text, `${this.player.name}:${input.playerId}`);
    return { accepted, locale: chat.locale };
  }

  private async surveyOf(surveyId: string, playerId: string): Promise<Chat> {
    const chat = await this.chats.byId(surveyId);
    if (!chat || chat.player.id !== playerId || !chat.caseId) throw DomainError.notFound('This survey');
    return chat;
  }
}
