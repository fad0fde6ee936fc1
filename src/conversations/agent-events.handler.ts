import { Injectable } from '@nestjs/common';
import { HELP_CHAT_ACTOR_PREFIX } from '../cases/case-events.bus';
import { AgentChatActions } from './agent-chat-actions';
import { BotReplies } from './bot-replies';
import { Carriers } from './carriers';
import { ConversationStore } from './conversation-store';
import { attachmentDetails } from './conversation-store';
import { HandOffService } from './hand-off.service';
import { helpMessage } from './help-messages';
import { ChatLifecycle } from './lifecycle/chat-lifecycle';
import { MessageStore } from './message-store';
import { PlayerDelivery } from './player-delivery';
import {
  AgentJoinedEvent,
  AgentMessageChangedEvent,
  AgentMessageEvent,
  AgentPlatformEvents,
  BotTurnEvent,
  NoAgentEvent,
  InternalNoteEvent,
  PlatformChatView,
  PlatformClosedEvent,
} from './ports';

/** What the agent platform reports, applied to the chat it names; each event is safe to redeliver. */
@Injectable()
export class AgentEventsHandler extends AgentPlatformEvents {
  constructor(
    private readonly store: ConversationStore,
    private readonly messages: MessageStore,
    private readonly delivery: PlayerDelivery,
    private readonly handOff: HandOffService,
    private readonly botReplies: BotReplies,
    private readonly carriers: Carriers,
    private readonly actions: AgentChatActions,
    private readonly lifecycle: ChatLifecycle,
  ) {
    super();
  }

  /** Stored once per platform message id, delivered until recorded as sent (PlayerUnreachableError is final). */
  async agentMessage(event: AgentMessageEvent): Promise<void> {
    const chat = await this.store.byPlatformKey(event.platformKey);
    if (!chat) return;
    const stored = await this.messages.storeOutbound(chat, {
      authorKind: 'AGENT',
      authorName: event.authorName,
      body: event.body,
      platformMessageId: event.platformMessageId,
      details: attachmentDetails(event.media),
    });
    await this.lifecycle.agentReplied(chat);
    if (stored.delivered) return;
    const who = event.shownAs ?? event.authorName ?? chat.agentName ?? helpMessage(chat.locale, 'anAgent');
    await this.delivery.deliver(stored.id, chat, { text: event.body, from: who, files: event.media });
  }

  async agentJoined(event: AgentJoinedEvent): Promise<void> {
    let chat = await this.store.byPlatformKey(event.platformKey);
    if (!chat || chat.mode === 'CLOSED') return;
    const refs = event.platformRefs ?? {};
    if (Object.entries(refs).some(([key, value]) => chat!.platformRefs[key] !== value)) {
      chat = await this.store.update(chat.id, { platformRefs: { ...chat.platformRefs, ...refs } });
    }
    await this.handOff.agentPresent(chat, event.agentName, `${HELP_CHAT_ACTOR_PREFIX}${event.actor ?? this.carriers.of(chat).name}`, event.onlyIfNoAgent);
  }

  async noAgentAvailable(event: NoAgentEvent): Promise<void> {
    const chat = await this.store.byPlatformKey(event.platformKey);
    if (chat && chat.mode === 'AGENT_REQUESTED') await this.handOff.noAgent(chat);
  }

  async platformClosed(event: PlatformClosedEvent): Promise<void> {
    const chat = await this.store.byPlatformKey(event.platformKey);
    if (!chat) return;
    await this.handOff.finish(chat);
    if (event.reason) await this.actions.closeReason(chat.caseId, chat.id, event.reason, `${HELP_CHAT_ACTOR_PREFIX}${event.actor ?? this.carriers.of(chat).name}`);
  }

  agentMessageChanged(event: AgentMessageChangedEvent): Promise<void> {
    return this.actions.changed(event);
  }

  internalNote(event: InternalNoteEvent): Promise<void> {
    return this.actions.note({ ...event, actor: `${HELP_CHAT_ACTOR_PREFIX}${event.actor}` });
  }

  chat(platformKey: string): Promise<PlatformChatView | null> {
    return this.actions.view(platformKey);
  }

  /** Once per platform message: a redelivered turn finds the bot's earlier answer. */
  async botTurn(event: BotTurnEvent): Promise<void> {
    const chat = await this.store.byPlatformKey(event.platformKey);
    if (!chat || chat.mode !== 'BOT') return;
    if (await this.messages.botRepliedTo(chat, event.platformMessageId)) return;
    await this.botReplies.answer(chat, event.body, event.platformMessageId);
  }
}
