import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../common/prisma-errors';
import { MediaStore } from '../database/media-store';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { AuthorKind, Chat } from './chat';
import { attachmentDetails } from './conversation-store';
import { MediaFile, TranscriptLine } from './ports';

export interface OutboundInput {
  authorKind: AuthorKind;
  authorName: string | null;
  body: string;
  details?: Prisma.InputJsonObject;
  /** The agent platform's id of the message: storing it twice returns the first row. */
  platformMessageId?: string;
}

export interface StoredOutbound {
  id: bigint;
  delivered: boolean;
}

export interface PendingRelay {
  id: bigint;
  playerMessageId: string | null;
  body: string;
  media: MediaFile[];
  attempted: boolean;
}

/** A help chat's messages in Postgres: the transcript, delivery records, and the relay backlog. */
@Injectable()
export class MessageStore {
  constructor(
    private readonly prisma: PrismaService,
    private readonly mediaStore: MediaStore,
  ) {}

  /** Stores a player's message; null when the channel delivered it before (its id is unique). */
  async storeInbound(chat: Chat, input: { body: string; playerMessageId: string | null; media: MediaFile[] }): Promise<{ id: bigint } | null> {
    const row = {
      conversationId: chat.id,
      direction: 'INBOUND' as const,
      authorKind: 'PLAYER' as const,
      authorName: chat.player.displayName,
      body: input.body,
      playerMessageId: input.playerMessageId,
      details: attachmentDetails(input.media),
    };
    if (input.media.length > 0) {
      // File bytes go through pg directly: Prisma's engine needs several times a file's size in memory.
      const id = await this.mediaStore.insertMessageWithMedia(row, input.media);
      return id === null ? null : { id };
    }
    try {
      return await this.prisma.message.create({ data: row, select: { id: true } });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  /** Stores a message to the player before it is sent (PENDING); with a platform id, once. `db`: within a transaction. */
  async storeOutbound(chat: Pick<Chat, 'id'>, input: OutboundInput, db: Prisma.TransactionClient = this.prisma): Promise<StoredOutbound> {
    const data = {
      conversationId: chat.id,
      direction: 'OUTBOUND' as const,
      authorKind: input.authorKind,
      authorName: input.authorName,
      body: input.body,
      details: input.details,
      platformMessageId: input.platformMessageId,
      deliveryStatus: 'PENDING' as const,
    };
    const row = input.platformMessageId
      ? await db.message.upsert({ where: { platformMessageId: input.platformMessageId }, create: data, update: {}, select: { id: true, deliveryStatus: true } })
      : await db.message.create({ data, select: { id: true, deliveryStatus: true } });
    return { id: row.id, delivered: row.deliveryStatus === 'SENT' };
  }

  /**
   * Stores the message only if `claim` (a compare-and-set of the event it announces) succeeds, in
   * the same transaction: a crash can never leave the event claimed with no message to deliver.
   */
  async storeIfClaimed(chat: Pick<Chat, 'id'>, input: OutboundInput, claim: (db: Prisma.TransactionClient) => Promise<boolean>): Promise<StoredOutbound | null> {
    return this.prisma.$transaction(async (tx) => ((await claim(tx)) ? this.storeOutbound(chat, input, tx) : null));
  }

  /** An agent's message by the platform's id: its DM copy (`sentAs`) and how it was signed. */
  async agentMessage(platformMessageId: string): Promise<{ id: bigint; conversationId: string; sentAs: string | null; authorName: string | null } | null> {
    const row = await this.prisma.message.findUnique({ where: { platformMessageId }, select: { id: true, conversationId: true, playerMessageId: true, authorName: true, authorKind: true } });
    return row && row.authorKind === 'AGENT' ? { id: row.id, conversationId: row.conversationId, sentAs: row.playerMessageId, authorName: row.authorName } : null;
  }

  /** The agent changed their message: the transcript keeps the latest text and says when. */
  async rewrite(id: bigint, change: { body: string } | { deletedAt: Date }): Promise<void> {
    const data = 'body' in change ? { body: change.body, details: { editedAt: new Date().toISOString() } } : { details: { deletedAt: change.deletedAt.toISOString() } };
    await this.prisma.message.update({ where: { id }, data });
  }

  /** A stored announcement (found by its `details.event`) that never reached the player, to deliver it now. */
  async undeliveredEvent(chat: Chat, event: string): Promise<{ id: bigint; body: string } | null> {
    return this.prisma.message.findFirst({
      where: { conversationId: chat.id, deliveryStatus: { in: ['PENDING', 'FAILED'] }, details: { path: ['event'], equals: event } },
      orderBy: { id: 'desc' },
      select: { id: true, body: true },
    });
  }

  async isDelivered(id: bigint): Promise<boolean> {
    const row = await this.prisma.message.findUnique({ where: { id }, select: { deliveryStatus: true } });
    return row?.deliveryStatus === 'SENT';
  }

  async markSent(id: bigint, playerMessageId: string): Promise<void> {
    await this.prisma.message
      .update({ where: { id }, data: { deliveryStatus: 'SENT', deliveryError: null, playerMessageId } })
      .catch(async (error: unknown) => {
        // The channel answered a retried send with the first message, already recorded on this row.
        if (!isUniqueViolation(error)) throw error;
        await this.prisma.message.update({ where: { id }, data: { deliveryStatus: 'SENT', deliveryError: null } });
      });
  }

  async markFailed(id: bigint, reason: string): Promise<void> {
    await this.prisma.message.update({ where: { id }, data: { deliveryStatus: 'FAILED', deliveryError: reason.slice(0, 500) } });
  }

  /** Whether the bot already answered this platform message (a redelivered bot turn). */
  async botRepliedTo(chat: Chat, platformMessageId: string): Promise<boolean> {
    const row = await this.prisma.message.findFirst({
      where: { conversationId: chat.id, authorKind: 'BOT', details: { path: ['inReplyTo'], equals: platformMessageId } },
      select: { id: true },
    });
    return row !== null;
  }

  async recentPlayerBodies(chat: Chat, take: number): Promise<string[]> {
    const rows = await this.prisma.message.findMany({ where: { conversationId: chat.id, authorKind: 'PLAYER' }, orderBy: { id: 'desc' }, take, select: { body: true } });
    return rows.reverse().map((m) => m.body);
  }

  async transcript(chat: Chat): Promise<TranscriptLine[]> {
    const rows = await this.prisma.message.findMany({ where: { conversationId: chat.id }, orderBy: { id: 'asc' } });
    return rows.map((m) => ({ author: m.authorKind, authorName: m.authorName, body: m.body, at: m.createdAt }));
  }

  /** Every message of a case's chats, oldest first. */
  ofCase(caseId: string) {
    return this.prisma.message.findMany({ where: { conversation: { caseId } }, orderBy: { id: 'asc' } });
  }

  async markRelayPending(id: bigint): Promise<void> {
    await this.prisma.message.update({ where: { id }, data: { relayPending: true } });
  }

  /** The oldest player message not relayed yet. */
  async nextRelay(chat: Chat): Promise<PendingRelay | null> {
    const row = await this.prisma.message.findFirst({ where: { conversationId: chat.id, relayPending: true }, orderBy: { id: 'asc' }, include: { media: true } });
    if (!row) return null;
    return {
      id: row.id,
      playerMessageId: row.playerMessageId,
      body: row.body,
      attempted: row.relayAttemptedAt !== null,
      media: row.media.map((m) => ({ filename: m.filename, contentType: m.contentType, data: Buffer.from(m.data) })),
    };
  }

  /** Recorded before the platform is called: a retry after a crash then checks before posting. */
  async markRelayAttempted(id: bigint, at: Date): Promise<void> {
    await this.prisma.message.updateMany({ where: { id, relayAttemptedAt: null }, data: { relayAttemptedAt: at } });
  }

  async recordRelayed(id: bigint, platformMessageId: string | null): Promise<void> {
    await this.prisma.message.update({ where: { id }, data: { relayPending: false, platformMessageId } }).catch(async (error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      await this.prisma.message.update({ where: { id }, data: { relayPending: false } });
    });
  }
}
