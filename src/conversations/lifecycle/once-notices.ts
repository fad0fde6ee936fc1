import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client';
import { Chat } from '../chat';
import { MessageStore } from '../message-store';
import { PlayerDelivery } from '../player-delivery';
import { PlayerNotice } from '../ports';

const SYSTEM = { kind: 'SYSTEM' as const, name: 'system' };

/**
 * A lifecycle message sent once per event: the event's claim (a compare-and-set) and the stored
 * message commit together, then the message is delivered; a retry after a failed or interrupted
 * delivery delivers the stored one again (same idempotency key), with the whole notice (survey buttons).
 */
@Injectable()
export class OnceNotices {
  constructor(
    private readonly messages: MessageStore,
    private readonly delivery: PlayerDelivery,
  ) {}

  async send(chat: Chat, event: string, notice: PlayerNotice, claim: (db: Prisma.TransactionClient) => Promise<boolean>): Promise<void> {
    const stored = await this.messages.storeIfClaimed(chat, { authorKind: SYSTEM.kind, authorName: SYSTEM.name, body: notice.text, details: { event } }, claim);
    const pending = stored ?? (await this.messages.undeliveredEvent(chat, event));
    if (pending) await this.delivery.deliver(pending.id, chat, notice);
  }
}
