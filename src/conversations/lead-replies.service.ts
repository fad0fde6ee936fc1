import { Injectable } from '@nestjs/common';
import { HELP_CHAT_ACTOR_PREFIX } from '../cases/case-events.bus';
import { HelpCases } from '../cases/help-cases';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Carriers } from './carriers';
import { toChatRef } from './chat';
import { ConversationStore } from './conversation-store';
import { HandOffService } from './hand-off.service';
import { ChatLifecycle } from './lifecycle/chat-lifecycle';
import { MessageStore } from './message-store';
import { PlayerDelivery } from './player-delivery';
import { PlayerUnreachableError } from './ports';

/** Leads and agents answering or closing a chat through the API. */
@Injectable()
export class LeadRepliesService {
  constructor(
    private readonly store: ConversationStore,
    private readonly messages: MessageStore,
    private readonly delivery: PlayerDelivery,
    private readonly handOff: HandOffService,
    private readonly helpCases: HelpCases,
    private readonly carriers: Carriers,
    private readonly clock: Clock,
    private readonly lifecycle: ChatLifecycle,
  ) {}

  /** The text reaches the player and the transcript; the agent platform's record gets it too. */
  async replyToCase(caseNumber: number, body: string, authorName: string): Promise<{ delivered: boolean }> {
    const chat = await this.store.openOfCase(await this.helpCases.idOf(caseNumber));
    if (!chat) throw DomainError.conflict('no_open_chat', `Case #${caseNumber} has no open help chat to reply to`);
    // Only an unclaimed chat is claimed by its first reply (or one whose case was assigned to the
    // replier): a reply to someone else's chat neither reassigns it nor announces a second "joined".
    const claimedBy = chat.agentName ?? (await this.helpCases.assigneeOf(caseNumber));
    const claimedByReplier = claimedBy?.toLowerCase() === authorName.toLowerCase();
    if (!claimedBy || (claimedByReplier && chat.mode !== 'AGENT')) {
      // A player out of reach still gets the reply stored (FAILED) below, and the lead a 422.
      await this.handOff.agentPresent(chat, authorName, `${HELP_CHAT_ACTOR_PREFIX}api:${authorName}`).catch((error: unknown) => {
        if (!(error instanceof PlayerUnreachableError)) throw error;
      });
    }
    const stored = await this.messages.storeOutbound(chat, { authorKind: 'AGENT', authorName, body });
    await this.lifecycle.agentReplied(chat);
    await this.delivery.deliver(stored.id, chat, { text: body, from: authorName });
    if (chat.platformKey) {
      await this.carriers.of(chat).mirror(toChatRef(chat, caseNumber), { author: 'AGENT', authorName, body, at: this.clock.now() });
    }
    return { delivered: true };
  }

  /** An agent takes a waiting chat (the desk's "claim"): the player is told who joined, the case is assigned. */
  async claim(conversationId: string, agentName: string): Promise<void> {
    const chat = await this.store.byId(conversationId);
    if (!chat) throw DomainError.notFound(`Conversation ${conversationId}`);
    if (chat.mode === 'CLOSED') throw DomainError.conflict('conversation_closed', 'This conversation is already closed');
    if (chat.mode === 'BOT') throw DomainError.conflict('no_agent_requested', 'The player has not asked for a person in this chat');
    if (chat.mode === 'AGENT' && chat.agentName === agentName) return;
    await this.handOff.agentPresent(chat, agentName, `${HELP_CHAT_ACTOR_PREFIX}api:${agentName}`);
  }

  async close(conversationId: string): Promise<void> {
    const chat = await this.store.byId(conversationId);
    if (!chat) throw DomainError.notFound(`Conversation ${conversationId}`);
    // Ended on the platform carrying the chat too, from the queue (HandOffService.finish).
    if (!(await this.handOff.finish(chat, true))) throw DomainError.conflict('conversation_closed', 'This conversation is already closed');
  }
}
