import { Injectable } from '@nestjs/common';
import { Chat } from '../chat';
import { MessageStore } from '../message-store';
import { PlayerDelivery } from '../player-delivery';
import { PlayerNotice } from '../ports';

const SYSTEM = { kind: 'SYSTEM' as const, name: 'system' };

/**
 * A lifecycle message sent once per event: the caller claims the event first (a compare-and-set);
 * the winner stores and delivers the message, and a retry after a failed or interrupted delivery
 * delivers the stored one again (same idempotency key), with the whole notice (survey buttons).
 */
@Injectable()
export class OnceNotices {
  constructor(
    private readonly messages: MessageStore,
    private readonly delivery: PlayerDelivery,
  ) {}

  async send(chat: Chat, event: string, notice: PlayerNotice, claimed: boolean): Promise<void> {
    if (claimed) {
      await this.delivery.say(chat, notice, SYSTEM, notice.text, { event });
      return;
    }
    const pending = await this.messages.undeliveredEvent(chat, event);
    if (pending) await this.delivery.deliver(pending.id, chat, notice);
  }
}
