import { Injectable, OnModuleInit } from '@nestjs/common';
import { HelpCases } from '../cases/help-cases';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { RetryLater } from '../queue/backoff';
import { JobQueue } from '../queue/job-queue';
import { Carriers } from './carriers';
import { Chat, toChatRef } from './chat';
import { ConversationStore } from './conversation-store';
import { helpMessage } from './help-messages';
import { MessageStore } from './message-store';
import { PlayerDelivery } from './player-delivery';

export const RELAY_JOB = 'help.relay';

declare module '../queue/job-map' {
  interface JobMap {
    [RELAY_JOB]: { conversationId: string };
  }
}

/**
 * Player → agent platform, durably and in order: a player message is stored with `relayPending`,
 * and a `help.relay` job posts the chat's pending messages one by one. No transaction spans the
 * network call: a short lease on the chat (committed at once) keeps two workers apart, each
 * message is marked "attempted" before it is posted (so a retry asks the platform whether it
 * already has it) and "relayed" after.
 */
@Injectable()
export class RelayWorker implements OnModuleInit {
  constructor(
    private readonly store: ConversationStore,
    private readonly messages: MessageStore,
    private readonly queue: JobQueue,
    private readonly carriers: Carriers,
    private readonly delivery: PlayerDelivery,
    private readonly helpCases: HelpCases,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.queue.register(RELAY_JOB, {
      run: ({ conversationId }) => this.flush(conversationId),
      onDead: ({ payload }) => this.tellPlayer(payload.conversationId),
    });
  }

  request(conversationId: string): Promise<unknown> {
    return this.queue.enqueue(RELAY_JOB, { conversationId });
  }

  async flush(conversationId: string): Promise<void> {
    let chat = await this.store.byId(conversationId);
    while (chat) {
      // Another worker is relaying this chat: come back once its lease may be over, without using an attempt.
      if (!(await this.store.claimRelay(chat.id, this.config.QUEUE_LEASE_MS))) throw new RetryLater(200);
      try {
        chat = await this.relayPending(chat);
      } finally {
        await this.store.releaseRelay(chat.id);
      }
      // A message marked pending while the lease was held may have had its own job turned away.
      if (!(await this.messages.nextRelay(chat))) return;
    }
  }

  private async relayPending(chat: Chat): Promise<Chat> {
    const caseNumber = await this.helpCases.numberOf(chat.caseId);
    // A chat that fell back (nobody took it on the agent platform) is relayed to the fallback.
    const platform = this.carriers.of(chat);
    for (let next = await this.messages.nextRelay(chat); next; next = await this.messages.nextRelay(chat)) {
      await this.messages.markRelayAttempted(next.id, this.clock.now());
      const result = await platform.relayPlayerMessage(toChatRef(chat, caseNumber), {
        id: String(next.id),
        playerMessageId: next.playerMessageId,
        body: next.body,
        media: next.media,
        maybeSent: next.attempted,
      });
      if (result.platformKey && result.platformKey !== chat.platformKey) {
        chat = await this.store.update(chat.id, { platformKey: result.platformKey, platform: platform.name });
      }
      await this.messages.recordRelayed(next.id, result.platformMessageId ?? null);
      await this.store.extendRelay(chat.id, this.config.QUEUE_LEASE_MS);
    }
    return chat;
  }

  /** What finally could not be relayed stays in the transcript; the player is asked to send it again. */
  private async tellPlayer(conversationId: string): Promise<void> {
    const chat = await this.store.byId(conversationId);
    if (!chat) return;
    await this.delivery.say(chat, { text: helpMessage(chat.locale, 'relayFailed') }, { kind: 'SYSTEM', name: 'system' });
  }
}
