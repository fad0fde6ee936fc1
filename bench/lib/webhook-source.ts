import { randomBytes } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio';
import type { FakeTwilio } from '../../test/fakes/twilio/fake-twilio';
import type { SeededConversation } from './ingest-seed';
import type { LoadRequest } from './load';

/** Where Twilio believes the service lives: webhooks are signed for URLs under it. */
export const PUBLIC_URL = 'https://bridge.example.test';
export const WEBHOOK_URL = `${PUBLIC_URL}/forward-to-discord`;

/** Agent messages as Flex posts them: onMessageAdded, Source=SDK, signed over PUBLIC_URL + path. */
export class WebhookSource {
  private seq = 0;
  private readonly run = randomBytes(3).toString('hex');
  /** Message token → when its webhook was built (just before it is sent). */
  readonly sentAt = new Map<string, number>();

  constructor(
    private readonly twilio: FakeTwilio,
    private readonly conversations: SeededConversation[],
    private readonly phase: string,
  ) {}

  readonly next = (): LoadRequest => {
    const n = ++this.seq;
    const conversation = this.conversations[n % this.conversations.length];
    const token = `${this.phase}-${this.run}-${n}`;
    const params: Record<string, string> = {
      AccountSid: this.twilio.accountSid,
      ChatServiceSid: this.twilio.defaultChatServiceSid,
      ConversationSid: conversation.sid,
      EventType: 'onMessageAdded',
      WebhookSid: 'WH00000000000000000000000000000001',
      WebhookType: 'webhook',
      RetryCount: '0',
      MessageSid: `IM${randomBytes(16).toString('hex')}`,
      Index: String(n),
      Author: 'alice@example.com',
      ClientIdentity: 'alice@example.com',
      Body: `Thanks, checking your account now (${token})`,
      Attributes: '{}',
      DateCreated: new Date().toISOString(),
      Source: 'SDK',
    };
    this.sentAt.set(token, Date.now());
    return {
      method: 'POST',
      path: '/forward-to-discord',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-twilio-signature': getExpectedTwilioSignature(this.twilio.authToken, WEBHOOK_URL, params) },
      body: new URLSearchParams(params).toString(),
    };
  };
}
