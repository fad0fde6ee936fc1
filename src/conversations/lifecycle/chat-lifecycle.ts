import { Injectable } from '@nestjs/common';
import { CaseTimeline } from '../../cases/case-timeline';
import { HelpCaseRef, HelpCases } from '../../cases/help-cases';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { Chat, isWithAgent } from '../chat';
import { ConversationStore } from '../conversation-store';
import { PlayerDelivery } from '../player-delivery';
import { ChatClosing, CloseRequest } from './chat-closing';
import { lifecycleMessage } from './lifecycle-messages';
import { LifecycleStore } from './lifecycle-store';
import { SlaEscalation } from './sla-escalation';
import { StaleChats } from './stale-chats';
import { SupportSchedule } from './support-schedule';

const SYSTEM = { kind: 'SYSTEM' as const, name: 'system' };

/**
 * The help chat's lifecycle, as the routing core's handlers call it: one call per event (agent
 * requested, agent replied, player replied, chat closed), each safe to repeat.
 */
@Injectable()
export class ChatLifecycle {
  constructor(
    private readonly store: LifecycleStore,
    private readonly chats: ConversationStore,
    private readonly delivery: PlayerDelivery,
    private readonly timeline: CaseTimeline,
    private readonly helpCases: HelpCases,
    private readonly schedule: SupportSchedule,
    private readonly sla: SlaEscalation,
    private readonly stale: StaleChats,
    private readonly closing: ChatClosing,
    private readonly clock: Clock,
  ) {}

  /** The player asked for a person (the case exists): response times start; outside support hours they are told when someone is back. */
  async agentRequested(chat: Chat, helpCase: HelpCaseRef): Promise<void> {
    const now = this.clock.now();
    await this.timeline.agentRequested(helpCase.id, now);
    const startsAt = this.schedule.slaStart(now);
    await this.sla.start(chat.id, startsAt);
    if (startsAt.getTime() > now.getTime()) {
      const text = lifecycleMessage(chat.locale, 'supportAway', { n: helpCase.number, when: this.schedule.describe(startsAt, chat.locale) });
      await this.delivery.say(chat, { text }, SYSTEM);
    }
  }

  /** An agent wrote to the player (stored): first response, and the wait for the player's answer starts. */
  async agentReplied(chat: Chat): Promise<void> {
    const now = this.clock.now();
    if ((await this.store.agentReplied(chat.id, now)) && chat.caseId) await this.timeline.firstResponse(chat.caseId, now);
    await this.stale.startCountdown(chat.id, now);
  }

  /** The player wrote (stored): their countdown, if any, is cancelled. */
  async playerReplied(chat: Chat): Promise<void> {
    if (isWithAgent(chat)) await this.store.playerReplied(chat.id);
  }

  /**
   * Closes the chat (`chat` as it was before) once, crash-safe: the close and everything after it
   * (notice, survey, platform close, staff alert, resolution time) are stored together. False when it was closed already.
   */
  close(chat: Chat, request: CloseRequest): Promise<boolean> {
    return this.closing.close(chat, request);
  }

  /** An agent marks the chat "waiting for the player": the countdown starts at once, the case goes WAITING. */
  async waitingForPlayer(conversationId: string): Promise<{ awaitingPlayerSince: Date; remindAt: Date; closeAt: Date }> {
    const chat = await this.chats.byId(conversationId);
    if (!chat) throw DomainError.notFound(`Conversation ${conversationId}`);
    const now = this.clock.now();
    if (!isWithAgent(chat) || !(await this.store.awaitPlayer(chat.id, now))) {
      throw DomainError.conflict('not_with_agent', 'Only a help chat waiting for or with an agent can wait for the player');
    }
    const caseNumber = await this.helpCases.numberOf(chat.caseId);
    if (caseNumber !== null) await this.timeline.waitingOnPlayer(caseNumber);
    return { awaitingPlayerSince: now, ...(await this.stale.startCountdown(chat.id, now)) };
  }
}
