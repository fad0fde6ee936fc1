import { Injectable } from '@nestjs/common';
import { HelpCases } from '../cases/help-cases';
import { Clock } from '../common/clock';
import { ConversationStore } from './conversation-store';
import { MessageStore } from './message-store';
import { AgentMessageChangedEvent, InternalNoteEvent, PlatformChatView, PlayerChannel } from './ports';

/**
 * What an agent does besides writing to the player: change a relayed message (the player's copy
 * follows), keep an internal note on the case, close with a reason. Each is safe to redeliver.
 */
@Injectable()
export class AgentChatActions {
  constructor(
    private readonly store: ConversationStore,
    private readonly messages: MessageStore,
    private readonly helpCases: HelpCases,
    private readonly player: PlayerChannel,
    private readonly clock: Clock,
  ) {}

  async changed(event: AgentMessageChangedEvent & { shownAs?: string }): Promise<void> {
    const chat = await this.store.byPlatformKey(event.platformKey);
    const message = await this.messages.agentMessage(event.platformMessageId);
    if (!chat || !message || message.conversationId !== chat.id) return;
    if (event.body === undefined) {
      await this.messages.rewrite(message.id, { deletedAt: this.clock.now() });
      if (message.sentAs && this.player.remove) await this.player.remove(chat.player.channelId, message.sentAs);
      return;
    }
    await this.messages.rewrite(message.id, { body: event.body });
    if (message.sentAs && this.player.edit) {
      await this.player.edit(chat.player.channelId, message.sentAs, { text: event.body, from: event.shownAs ?? message.authorName ?? undefined });
    }
  }

  async note(event: InternalNoteEvent): Promise<void> {
    const chat = await this.store.byPlatformKey(event.platformKey);
    const caseNumber = await this.helpCases.numberOf(chat?.caseId ?? null);
    if (caseNumber !== null) await this.helpCases.internalNote(caseNumber, event.body, event.actor, `note:${event.platformMessageId}`);
  }

  /** After the chat closed: the reason in the case history, once per chat. */
  async closeReason(caseId: string | null, conversationId: string, reason: string, actor: string): Promise<void> {
    const caseNumber = await this.helpCases.numberOf(caseId);
    if (caseNumber !== null) await this.helpCases.internalNote(caseNumber, `Chat closed: ${reason}`, actor, `closed:${conversationId}`);
  }

  async view(platformKey: string): Promise<PlatformChatView | null> {
    const chat = await this.store.byPlatformKey(platformKey);
    if (!chat) return null;
    return { conversationId: chat.id, caseNumber: await this.helpCases.numberOf(chat.caseId), locale: chat.locale, open: chat.mode !== 'CLOSED', agentName: chat.agentName };
  }
}
