import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { AuthorKind, Chat } from './chat';
import { MessageStore } from './message-store';
import { PlayerChannel, PlayerNotice } from './ports';

const reasonOf = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Messages to the player in three separate steps, never inside a transaction: store the message
 * (PENDING), send it with the stored id as idempotency key, record SENT or FAILED with the
 * reason. A retry after a crash between send and record sends the same key again, which the
 * player channel turns into the first message rather than a second one.
 */
@Injectable()
export class PlayerDelivery {
  constructor(
    private readonly messages: MessageStore,
    private readonly player: PlayerChannel,
  ) {}

  /** A bot or system line: stored in the transcript, then delivered. */
  async say(chat: Chat, notice: PlayerNotice, author: { kind: AuthorKind; name: string }, body = notice.text, details?: Prisma.InputJsonObject): Promise<void> {
    const stored = await this.messages.storeOutbound(chat, { authorKind: author.kind, authorName: author.name, body, details });
    await this.deliver(stored.id, chat, notice);
  }

  /**
   * An announcement made once per event (an agent joining): when the event comes again because
   * the first delivery failed after the state changed, the stored announcement is delivered.
   */
  async retryAnnouncement(chat: Chat, event: string): Promise<void> {
    const pending = await this.messages.undeliveredEvent(chat, event);
    if (pending) await this.deliver(pending.id, chat, { text: pending.body });
  }

  /** Sends a stored message unless it is already recorded as sent. */
  async deliver(messageId: bigint, chat: Chat, notice: PlayerNotice): Promise<void> {
    if (await this.messages.isDelivered(messageId)) return;
    let sent: { messageId: string };
    try {
      sent = await this.player.send(chat.player.channelId, notice, { idempotencyKey: idempotencyKey(chat, messageId) });
    } catch (error) {
      await this.messages.markFailed(messageId, reasonOf(error));
      throw error;
    }
    await this.messages.markSent(messageId, sent.messageId);
  }
}

/** At most 25 characters (Discord's nonce limit): a piece of the chat id keeps it unique across databases. */
export const idempotencyKey = (chat: Chat, messageId: bigint): string => `${chat.id.slice(0, 8)}-${messageId}`;
