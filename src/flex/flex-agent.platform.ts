import { Injectable, Logger } from '@nestjs/common';
import { Twilio } from 'twilio';
import { AppConfig } from '../config/app-config';
import { AgentPlatform, AgentPlatformCapabilities, ChatRef, HandOff, HandOffResult, RelayedMessage, TranscriptLine } from '../conversations/ports';
import { BOT_AUTHOR, playerIdentity } from './identities';
import { OpenedConversation, TwilioConversations } from './twilio-conversations';
import { TwilioMediaService } from './twilio-media';

/** Agents get the recent part of a long bot chat; the whole transcript stays on the case. */
const TRANSCRIPT_LINES = 50;

/**
 * Twilio Flex Conversations as the agent platform: one Twilio conversation per help chat (the
 * player as participant, our webhook on it), and a Flex Interaction that routes it to an agent
 * through TaskRouter. In studio mode the Studio Flow on the conversation does the routing.
 */
@Injectable()
export class FlexAgentPlatform extends AgentPlatform {
  readonly name = 'flex';
  readonly capabilities: AgentPlatformCapabilities;
  private readonly logger = new Logger(FlexAgentPlatform.name);

  constructor(
    private readonly client: Twilio,
    private readonly conversations: TwilioConversations,
    private readonly media: TwilioMediaService,
    private readonly config: AppConfig,
  ) {
    super();
    // Agents read the chat in Flex, so every player message is posted there; Studio routes it itself.
    this.capabilities = { relaysPlayerMessages: true, routesInOwnFlow: config.ROUTING_MODE === 'studio' };
  }

  private get studio(): boolean {
    return this.config.ROUTING_MODE === 'studio';
  }

  async handOff(chat: HandOff): Promise<HandOffResult> {
    const reused = chat.platformKey ? await this.conversations.findOpen(chat.platformKey) : null;
    let conversation = reused
      ? await this.conversations.mergeAttributes(reused, this.conversationAttributes(chat, 'AGENT'))
      : await this.open(chat, 'AGENT');
    if (!reused) await this.postTranscript(conversation.sid, chat);

    // In studio mode this line is what the flow sees: its split finds mode=AGENT and sends the chat to Flex.
    await this.conversations.post(conversation.sid, {
      author: 'system',
      body: `The player asked for a live agent. Case #${chat.caseNumber}: ${this.caseUrl(chat.caseNumber)}`,
      attributes: { ...this.messageAttributes(chat), kind: 'handoff' },
      webhooks: this.studio,
    });
    if (this.studio) {
      // The flow has its turn for this line; after it, the Studio webhook would start a new execution
      // for every agent reply and player message (Studio + Flex Conversations): it is removed.
      await this.conversations.removeStudioWebhooks(conversation.sid);
      return { platformKey: conversation.sid, platformRefs: { studioDetached: 'true' } };
    }

    const interaction = await this.createInteraction(chat, conversation.sid).catch(async (error: unknown) => {
      // Nobody would ever answer a conversation we just opened; the core falls back to the leads' queue.
      if (!reused) await this.conversations.close(conversation.sid).catch(() => undefined);
      throw error;
    });
    const channelSid = (interaction.channel as { sid?: string } | null)?.sid;
    conversation = await this.conversations.mergeAttributes(conversation, { interactionSid: interaction.sid });
    this.logger.log(`Case #${chat.caseNumber} handed to Flex: conversation ${conversation.sid}, interaction ${interaction.sid}`);
    return { platformKey: conversation.sid, platformRefs: { interactionSid: interaction.sid, ...(channelSid ? { channelSid } : {}) } };
  }

  /** Routes the conversation to an agent: TaskRouter creates the task with these attributes. */
  private createInteraction(chat: HandOff, conversationSid: string) {
    return this.client.flexApi.v1.interaction.create({
      channel: { type: 'chat', initiated_by: 'customer', properties: { media_channel_sid: conversationSid } },
      routing: {
        properties: {
          workspace_sid: this.config.TWILIO_WORKSPACE_SID,
          workflow_sid: this.config.TWILIO_WORKFLOW_SID,
          task_channel_unique_name: this.config.TWILIO_TASK_CHANNEL,
          attributes: this.taskAttributes(chat, conversationSid),
        },
      },
    });
  }

  /**
   * Posts the player's message as the player (attachments uploaded to Twilio's media service
   * first, one message each), tagged with the stored message's id: a retry of a relay that may
   * have gone through looks for that tag before posting again. In studio mode the first message
   * opens the conversation, whose SID is returned for the core to keep.
   */
  async relayPlayerMessage(chat: ChatRef, message: RelayedMessage): Promise<{ platformMessageId?: string; platformKey?: string }> {
    // Only the Studio flow needs a webhook for a player message; without it, each one would just echo back to us.
    const webhooks = this.studio && chat.platformRefs.studioDetached !== 'true';
    const attributes = { ...this.messageAttributes(chat), discordMessageId: message.playerMessageId ?? `local-${message.id}`, bridgeMessageId: message.id };
    const author = playerIdentity(chat.player.id);
    if (!message.body.trim() && message.media.length === 0) return {};
    if (chat.platformKey && message.maybeSent) {
      const earlier = await this.conversations.findTagged(chat.platformKey, message.id);
      if (earlier) return { platformMessageId: earlier, platformKey: chat.platformKey };
    }
    if (chat.platformKey && message.media.length === 0) {
      // The common case costs one call: no lookup of a conversation we already know.
      const sid = await this.conversations.post(chat.platformKey, { author, body: message.body, attributes: { ...attributes, final: true }, webhooks });
      return { platformMessageId: sid, platformKey: chat.platformKey };
    }
    let conversation = chat.platformKey ? await this.conversations.findOpen(chat.platformKey) : null;
    if (!conversation) {
      if (!this.studio) {
        this.logger.warn(`Conversation ${chat.conversationId} has no open Twilio conversation; the player's message stays in the transcript only`);
        return {};
      }
      conversation = await this.open(chat, 'BOT');
    }
    if (message.media.length === 0) {
      const sid = await this.conversations.post(conversation.sid, { author, body: message.body, attributes: { ...attributes, final: true }, webhooks });
      return { platformMessageId: sid, platformKey: conversation.sid };
    }
    let lastSid = '';
    for (const [index, file] of message.media.entries()) {
      const last = index === message.media.length - 1;
      const mediaSid = await this.media.upload(conversation.chatServiceSid, file);
      lastSid = await this.conversations.post(conversation.sid, {
        author,
        body: last ? message.body : '',
        attributes: { ...attributes, filename: file.filename, ...(last ? { final: true } : {}) },
        mediaSid,
        // One turn for the flow per player message: the one carrying the text.
        webhooks: webhooks && last,
      });
    }
    return { platformMessageId: lastSid, platformKey: conversation.sid };
  }

  /** A line agents should also see (bot turns in studio mode, lead replies): never re-triggers the flow. */
  async mirror(chat: ChatRef, line: TranscriptLine): Promise<void> {
    if (!chat.platformKey || !line.body.trim()) return;
    await this.conversations.post(chat.platformKey, {
      author: authorOf(chat, line),
      body: line.body,
      attributes: { ...this.messageAttributes(chat), author: line.author, authorName: line.authorName },
      webhooks: false,
    });
  }

  /**
   * Ends the chat in Flex. With an interaction: its channel is closed with routing status
   * `closed`, which completes the task; without it every task would go to wrapping and leave the
   * agent in wrap-up (Interactions Channels subresource). Flex's best practices: never cancel or
   * complete the task through the Task API. Without an interaction: the bare conversation.
   * Read first: a retried close (its answer lost) or a channel the agent already ended is left alone.
   */
  async close(chat: ChatRef): Promise<void> {
    const { interactionSid, channelSid } = chat.platformRefs;
    if (interactionSid && channelSid) {
      const channel = this.client.flexApi.v1.interaction(interactionSid).channels(channelSid);
      if ((await channel.fetch()).status === 'closed') return;
      await channel.update({ status: 'closed', routing: { status: 'closed' } });
      return;
    }
    if (chat.platformKey) await this.conversations.close(chat.platformKey);
  }

  private open(chat: ChatRef, mode: 'BOT' | 'AGENT'): Promise<OpenedConversation> {
    return this.conversations.open({
      friendlyName: chat.caseNumber ? `Discord help chat, case #${chat.caseNumber}` : 'Discord help chat',
      attributes: this.conversationAttributes(chat, mode),
      participant: {
        identity: playerIdentity(chat.player.id),
        attributes: { displayName: chat.player.displayName, discordUserId: chat.player.id, locale: chat.locale },
      },
      studioFlowSid: this.studio ? this.config.TWILIO_STUDIO_FLOW_SID : undefined,
    });
  }

  private async postTranscript(conversationSid: string, chat: HandOff): Promise<void> {
    const lines = chat.transcript.slice(-TRANSCRIPT_LINES);
    const skipped = chat.transcript.length - lines.length;
    if (skipped > 0) {
      await this.conversations.post(conversationSid, {
        author: 'system',
        body: `${skipped} earlier line(s) of this chat are in case #${chat.caseNumber}: ${this.caseUrl(chat.caseNumber)}`,
        attributes: { ...this.messageAttributes(chat), transcript: true },
        webhooks: false,
      });
    }
    for (const line of lines) {
      if (!line.body.trim()) continue; // an attachment-only message: Twilio refuses empty bodies
      await this.conversations.post(conversationSid, {
        author: authorOf(chat, line),
        body: line.body,
        attributes: { ...this.messageAttributes(chat), transcript: true, author: line.author, authorName: line.authorName, at: line.at.toISOString() },
        dateCreated: line.at,
        // History, not a new turn: no webhook (Studio would run its flow once per line; ours would get an echo).
        webhooks: false,
      });
    }
  }

  private conversationAttributes(chat: ChatRef, mode: 'BOT' | 'AGENT'): Record<string, unknown> {
    return {
      source: 'discord',
      mode,
      discordUserId: chat.player.id,
      dmChannelId: chat.player.channelId,
      playerName: chat.player.displayName,
      locale: chat.locale,
      caseNumber: chat.caseNumber,
      ...(chat.caseNumber ? { caseUrl: this.caseUrl(chat.caseNumber) } : {}),
      bridgeConversationId: chat.conversationId,
    };
  }

  private messageAttributes(chat: ChatRef): Record<string, unknown> {
    return { discordUserId: chat.player.id, dmChannelId: chat.player.channelId, caseNumber: chat.caseNumber };
  }

  /** The TaskRouter task's attributes: what the agent sees about the player and the case. */
  private taskAttributes(chat: HandOff, conversationSid: string): Record<string, unknown> {
    return {
      caseNumber: chat.caseNumber,
      playerName: chat.player.displayName,
      customerName: chat.player.displayName,
      locale: chat.locale,
      caseUrl: this.caseUrl(chat.caseNumber),
      discordUserId: chat.player.id,
      conversationSid,
      channelType: 'discord',
    };
  }

  private caseUrl(caseNumber: number | null): string {
    return `${(this.config.PUBLIC_URL ?? '').replace(/\/$/, '')}/api/cases/${caseNumber ?? ''}`;
  }
}

/** Who a transcript line is by, as a conversation message author: agents see the player's lines as the customer's. */
function authorOf(chat: ChatRef, line: TranscriptLine): string {
  switch (line.author) {
    case 'PLAYER':
      return playerIdentity(chat.player.id);
    case 'AGENT':
      return `agent:${line.authorName ?? 'lead'}`;
    case 'SYSTEM':
      return 'system';
    default:
      return BOT_AUTHOR;
  }
}
