import { Injectable } from '@nestjs/common';
import { Twilio } from 'twilio';
import { AppConfig } from '../config/app-config';
import { parseAttributes } from './identities';

/** Conversation webhook events the bridge reacts to (POST /forward-to-discord). */
export const FORWARD_FILTERS = ['onMessageAdded', 'onParticipantAdded', 'onConversationStateUpdated'];
/** A Twilio conversation nobody writes to closes itself after this (ISO 8601 duration). */
const CLOSE_AFTER = 'PT24H';
/** Twilio's limit for one message body. */
export const MAX_BODY = 1600;

export interface OpenedConversation {
  sid: string;
  chatServiceSid: string;
  attributes: Record<string, unknown>;
}

export interface NewConversation {
  friendlyName: string;
  attributes: Record<string, unknown>;
  participant: { identity: string; attributes: Record<string, unknown> };
  /** Studio mode: the flow that receives every message. */
  studioFlowSid?: string;
}

export interface NewMessage {
  author: string;
  body: string;
  attributes: Record<string, unknown>;
  mediaSid?: string;
  dateCreated?: Date;
  /** Fires the conversation's webhooks (Studio, and ours, which ignores Source=API) for this message. */
  webhooks: boolean;
}

/**
 * The Twilio Conversations calls the Flex adapter makes, through twilio-node. Conversations live
 * in TWILIO_CONVERSATIONS_SERVICE_SID when set (its /v1/Services/{IS}/Conversations routes), else
 * in the account's default service (/v1/Conversations).
 */
@Injectable()
export class TwilioConversations {
  constructor(
    private readonly client: Twilio,
    private readonly config: AppConfig,
  ) {}

  private get conversations() {
    const v1 = this.client.conversations.v1;
    const service = this.config.TWILIO_CONVERSATIONS_SERVICE_SID;
    // The service-scoped resources take the same parameters and return the same shapes.
    return service ? (v1.services(service) as unknown as Pick<typeof v1, 'conversations'>).conversations : v1.conversations;
  }

  /** The conversation when it exists and is not closed (inactive ones wake up on the next message). */
  async findOpen(sid: string): Promise<OpenedConversation | null> {
    try {
      const conversation = await this.conversations(sid).fetch();
      if (conversation.state === 'closed') return null;
      return { sid: conversation.sid, chatServiceSid: conversation.chatServiceSid, attributes: parseAttributes(conversation.attributes) };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  /** The Conversations service (IS...) a conversation lives in, open or not. */
  async serviceOf(sid: string): Promise<string> {
    return (await this.conversations(sid).fetch()).chatServiceSid;
  }

  /**
   * Studio mode, at hand-off: removes the conversation's Studio webhook, so agent replies and the
   * player's next messages start no new flow executions (Studio + Flex Conversations).
   */
  async removeStudioWebhooks(sid: string): Promise<number> {
    const scoped = this.conversations(sid);
    const studio = (await scoped.webhooks.list({ limit: 5 })).filter((webhook) => webhook.target === 'studio');
    for (const webhook of studio) await scoped.webhooks(webhook.sid).remove();
    return studio.length;
  }

  /** Conversation, the player as participant, and the webhooks that report back to us. */
  async open(input: NewConversation): Promise<OpenedConversation> {
    const conversation = await this.conversations.create({
      friendlyName: input.friendlyName.slice(0, 256),
      attributes: JSON.stringify(input.attributes),
      'timers.closed': CLOSE_AFTER,
    });
    try {
      const scoped = this.conversations(conversation.sid);
      await scoped.participants.create({ identity: input.participant.identity, attributes: JSON.stringify(input.participant.attributes) });
      await scoped.webhooks.create({
        target: 'webhook',
        'configuration.url': `${this.publicUrl}/forward-to-discord`,
        'configuration.method': 'post',
        'configuration.filters': FORWARD_FILTERS,
      });
      if (input.studioFlowSid) {
        await scoped.webhooks.create({ target: 'studio', 'configuration.flowSid': input.studioFlowSid });
      }
    } catch (error) {
      // Half-made conversations would linger for a day; close it and let the caller report the failure.
      await this.close(conversation.sid).catch(() => undefined);
      throw error;
    }
    return { sid: conversation.sid, chatServiceSid: conversation.chatServiceSid, attributes: input.attributes };
  }

  async mergeAttributes(conversation: OpenedConversation, patch: Record<string, unknown>): Promise<OpenedConversation> {
    const attributes = { ...conversation.attributes, ...patch };
    await this.conversations(conversation.sid).update({ attributes: JSON.stringify(attributes) });
    return { ...conversation, attributes };
  }

  /** Posts a message (bodies over Twilio's limit go as several); returns the last message's SID. */
  async post(conversationSid: string, message: NewMessage): Promise<string> {
    const chunks = splitBody(message.body);
    let sid = '';
    for (const [index, body] of chunks.entries()) {
      const created = await this.conversations(conversationSid).messages.create({
        author: message.author,
        ...(body ? { body } : {}),
        attributes: JSON.stringify(message.attributes),
        ...(message.webhooks ? { xTwilioWebhookEnabled: 'true' as const } : {}),
        ...(message.mediaSid && index === chunks.length - 1 ? { mediaSid: message.mediaSid } : {}),
        ...(message.dateCreated ? { dateCreated: message.dateCreated } : {}),
      });
      sid = created.sid;
    }
    return sid;
  }

  /** The SID of the newest message tagged `bridgeMessageId` (with `final`: the relay completed), among the recent ones. */
  async findTagged(conversationSid: string, bridgeMessageId: string): Promise<string | null> {
    const recent = await this.conversations(conversationSid).messages.list({ order: 'desc', limit: 100 });
    const found = recent.find((m) => {
      const attributes = parseAttributes(m.attributes);
      return attributes.bridgeMessageId === bridgeMessageId && attributes.final === true;
    });
    return found?.sid ?? null;
  }

  /** A closed conversation stays closed (Twilio: `closed` is final); closing it again is not asked. */
  async close(conversationSid: string): Promise<void> {
    const conversation = this.conversations(conversationSid);
    if ((await conversation.fetch()).state === 'closed') return;
    await conversation.update({ state: 'closed' });
  }

  private get publicUrl(): string {
    return (this.config.PUBLIC_URL ?? '').replace(/\/$/, '');
  }
}

/** Splits on line breaks where possible; an empty body stays one (media-only) message. */
export function splitBody(body: string, max = MAX_BODY): string[] {
  if (body.length <= max) return [body];
  const chunks: string[] = [];
  let rest = body;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    chunks.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest) chunks.push(rest);
  return chunks;
}
