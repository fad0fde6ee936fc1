import { APIMessage, RESTJSONErrorCodes } from 'discord-api-types/v10';

export interface ClosedDm {
  at: 'open' | 'send';
  code: number;
  message: string;
}

/**
 * The user does not accept DMs from the bot. Discord answers 403 with 50007 when the bot sends
 * (`at: 'send'`, what Discord does); `at: 'open'` fails already when the DM channel is created.
 * 50278 is "no mutual guild".
 */
export function closedDm(options: { at?: 'open' | 'send'; code?: number }): ClosedDm {
  const code = options.code ?? RESTJSONErrorCodes.CannotSendMessagesToThisUser;
  const message = code === RESTJSONErrorCodes.CannotSendMessagesToThisUser ? 'Cannot send messages to this user' : 'Cannot send messages to this user: no mutual guilds';
  return { at: options.at ?? 'send', code, message };
}

/**
 * Message create with `enforce_nonce`: "If true and nonce is present, it will be checked for
 * uniqueness in the past few minutes. If another message was created by the same author with
 * the same nonce, that message will be returned and no new message will be created."
 * (https://discord.com/developers/docs/resources/message#create-message)
 */
export class NonceLog {
  private readonly nonces = new Map<string, { channelId: string; messageId: string; at: number }>();

  constructor(private readonly windowMs: () => number) {}

  /** Where the earlier message with that author and nonce is, while inside the window. */
  find(authorId: string, nonce: string | number): { channelId: string; messageId: string } | null {
    const known = this.nonces.get(`${authorId}:${nonce}`);
    return known && Date.now() - known.at <= this.windowMs() ? known : null;
  }

  remember(message: APIMessage, nonce: string | number): void {
    this.nonces.set(`${message.author.id}:${nonce}`, { channelId: message.channel_id, messageId: message.id, at: Date.now() });
  }
}
