import { Injectable } from '@nestjs/common';
import { BotReplies } from './bot-replies';
import { Carriers } from './carriers';
import { Chat, isWithAgent } from './chat';
import { ConversationStore } from './conversation-store';
import { HandOffService } from './hand-off.service';
import { helpMessage } from './help-messages';
import { ChatLifecycle } from './lifecycle/chat-lifecycle';
import { MessageStore } from './message-store';
import { AgentPlatform, MediaFile, PlayerChannel, SupportBot, toLocale } from './ports';
import { RelayWorker } from './relay.worker';

export interface Player {
  id: string;
  displayName: string;
}

export interface IncomingPlayerMessage {
  player: Player & { channelId: string };
  /** The channel's id of the message: a redelivered message is stored and routed once. */
  playerMessageId: string;
  body: string;
  media: MediaFile[];
}

/** The player's side of the help chat: starting it, their messages, and where each one goes. */
@Injectable()
export class PlayerMessagesHandler {
  constructor(
    private readonly store: ConversationStore,
    private readonly messages: MessageStore,
    private readonly channel: PlayerChannel,
    private readonly bot: SupportBot,
    private readonly platform: AgentPlatform,
    private readonly botReplies: BotReplies,
    private readonly handOff: HandOffService,
    private readonly relay: RelayWorker,
    private readonly lifecycle: ChatLifecycle,
    private readonly carriers: Carriers,
  ) {}

  /** /helpme: open the channel (nothing is created if the player cannot be written to), greet, answer the question. */
  async startHelp(input: { player: Player; locale: string; question?: string }): Promise<{ conversationId: string }> {
    const channelId = await this.channel.open(input.player.id);
    const locale = toLocale(input.locale);
    await this.channel.send(channelId, {
      text: helpMessage(locale, 'greeting', { name: input.player.displayName }),
      agentButtonLabel: helpMessage(locale, 'agentButton'),
    });
    let { chat, created } = await this.store.openOrCreate({ ...input.player, channelId }, locale);
    if (!created && chat.locale !== locale) chat = await this.store.update(chat.id, { locale, playerName: input.player.displayName });
    const question = input.question?.trim();
    if (question) {
      const stored = await this.messages.storeInbound(chat, { body: question, playerMessageId: null, media: [] });
      if (stored) await this.route(chat, question, stored.id);
    }
    return { conversationId: chat.id };
  }

  /** A message from the player: stored first (once, whatever the channel redelivers), then routed. */
  async receive(message: IncomingPlayerMessage): Promise<{ duplicate: boolean }> {
    const { chat } = await this.store.openOrCreate(message.player, 'en');
    const stored = await this.messages.storeInbound(chat, message);
    if (!stored) return { duplicate: true };
    await this.route(chat, message.body, stored.id);
    await this.lifecycle.playerReplied(chat);
    return { duplicate: false };
  }

  /** The player's "talk to a live agent" action. */
  async requestAgent(player: Player & { channelId: string }, locale: string): Promise<void> {
    const { chat } = await this.store.openOrCreate(player, toLocale(locale));
    await this.handOff.requestAgent(chat);
  }

  private async route(chat: Chat, body: string, messageId: bigint): Promise<void> {
    if (isWithAgent(chat)) return this.relayToPlatform(chat, messageId);
    if (this.bot.wantsHuman(body)) return this.handOff.requestAgent(chat);
    // The platform's flow decides, and asks for the bot's turn through AgentPlatformEvents.botTurn.
    if (this.platform.capabilities.routesInOwnFlow) return this.relayToPlatform(chat, messageId);
    await this.botReplies.answer(chat, body);
  }

  private async relayToPlatform(chat: Chat, messageId: bigint): Promise<void> {
    // The chat fell back (nobody took it, or the hand-off failed): the fallback gets its messages if it
    // relays them (a staff thread); otherwise (the leads' queue) it reads the stored transcript.
    if (!this.carriers.of(chat).capabilities.relaysPlayerMessages) return;
    await this.messages.markRelayPending(messageId);
    await this.relay.request(chat.id);
  }
}
