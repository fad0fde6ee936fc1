import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../common/prisma-errors';
import { PrismaService } from '../database/prisma.service';
import type { Conversation, Prisma } from '../generated/prisma/client';
import type { ConversationMode } from '../generated/prisma/enums';
import { Chat, ChatMode } from './chat';
import { MediaFile, PlatformRefs, PlayerRef, toLocale } from './ports';
import { LEADS_QUEUE } from './leads-queue.platform';

const OPEN = { not: 'CLOSED' as const };

function toChat(row: Conversation): Chat {
  return {
    id: row.id,
    player: { id: row.playerId, displayName: row.playerName, channelId: row.playerChannelId },
    locale: toLocale(row.locale),
    mode: row.mode,
    platform: row.platform,
    platformKey: row.platformKey,
    platformRefs: (row.platformRefs ?? {}) as PlatformRefs,
    agentName: row.agentName,
    caseId: row.caseId,
  };
}

export interface ChatPatch {
  mode?: ChatMode;
  caseId?: string;
  agentName?: string | null;
  platform?: string;
  platformKey?: string | null;
  platformRefs?: PlatformRefs;
  closedAt?: Date;
  locale?: string;
  playerName?: string;
}

export const attachmentDetails = (media: MediaFile[]): Prisma.InputJsonObject | undefined =>
  media.length ? { attachments: media.map((m) => ({ filename: m.filename, contentType: m.contentType, size: m.data.length })) } : undefined;

/**
 * Help chats in Postgres: the one place of the core that talks to Prisma about conversations
 * (messages: MessageStore). Handlers get `Chat` records, never rows.
 */
@Injectable()
export class ConversationStore {
  constructor(private readonly prisma: PrismaService) {}

  async openFor(playerId: string): Promise<Chat | null> {
    const row = await this.prisma.conversation.findFirst({ where: { playerId, mode: OPEN } });
    return row && toChat(row);
  }

  /** The player's open chat, or a new one in BOT mode (one open per player, enforced by an index). */
  async openOrCreate(player: PlayerRef, locale: string): Promise<{ chat: Chat; created: boolean }> {
    const existing = await this.openFor(player.id);
    if (existing) return { chat: existing, created: false };
    try {
      const row = await this.prisma.conversation.create({
        data: { playerId: player.id, playerName: player.displayName, playerChannelId: player.channelId, locale },
      });
      return { chat: toChat(row), created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { chat: (await this.openFor(player.id))!, created: false };
    }
  }

  async byId(id: string): Promise<Chat | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const row = await this.prisma.conversation.findUnique({ where: { id } });
    return row && toChat(row);
  }

  async byPlatformKey(platformKey: string): Promise<Chat | null> {
    const row = await this.prisma.conversation.findUnique({ where: { platformKey } });
    return row && toChat(row);
  }

  /** The case of the player's latest closed chat other than `exceptId` (a new chat links to it). */
  async previousCaseOf(playerId: string, exceptId: string): Promise<string | null> {
    const row = await this.prisma.conversation.findFirst({
      where: { playerId, mode: 'CLOSED', id: { not: exceptId }, caseId: { not: null } },
      orderBy: { createdAt: 'desc' },
      select: { caseId: true },
    });
    return row?.caseId ?? null;
  }

  /** The newest chat of a case that is not closed. */
  async openOfCase(caseId: string): Promise<Chat | null> {
    const row = await this.prisma.conversation.findFirst({ where: { caseId, mode: OPEN }, orderBy: { createdAt: 'desc' } });
    return row && toChat(row);
  }

  async update(id: string, patch: ChatPatch): Promise<Chat> {
    return toChat(await this.prisma.conversation.update({ where: { id }, data: patch }));
  }

  /**
   * Moves the chat from `from` modes to CLOSED; false when another event closed it first, so a
   * redelivered "closed" tells the player once. `db`: a transaction that stores what follows the close with it.
   */
  async close(id: string, at: Date, db: Prisma.TransactionClient = this.prisma): Promise<boolean> {
    const { count } = await db.conversation.updateMany({ where: { id, mode: OPEN }, data: { mode: 'CLOSED', closedAt: at } });
    return count > 0;
  }

  /**
   * Marks the agent present unless they already are; false for a redelivered "joined" (the
   * compare-and-set makes two concurrent deliveries announce the agent once).
   */
  async markAgentPresent(id: string, agentName: string | null, onlyIfNoAgent = false): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE "Conversation" SET "mode" = 'AGENT', "agentName" = ${agentName}, "updatedAt" = now()
      WHERE "id" = ${id}::uuid AND "mode" <> 'CLOSED'
        AND NOT ("mode" = 'AGENT' AND ("agentName" IS NOT DISTINCT FROM ${agentName}::text OR ${onlyIfNoAgent}::boolean))`;
    return count > 0;
  }

  /** A chat waiting for an agent moves to `platform` once; false when it is no longer waiting or already there. */
  async fallBack(id: string, platform: string): Promise<boolean> {
    const { count } = await this.prisma.conversation.updateMany({
      // Once on the leads' queue (the last resort) a chat does not fall back again: the player is told once.
      where: { id, mode: 'AGENT_REQUESTED', OR: [{ platform: null }, { platform: { notIn: [platform, LEADS_QUEUE] } }] },
      data: { platform },
    });
    return count > 0;
  }

  /** Chats in `mode` (default: waiting for or with an agent), longest waiting first, with their case and last message. */
  listByMode(mode?: ConversationMode) {
    return this.prisma.conversation.findMany({
      where: mode ? { mode } : { mode: { in: ['AGENT_REQUESTED', 'AGENT'] } },
      orderBy: { updatedAt: 'asc' },
      take: 200,
      include: { case: { select: { number: true, status: true } }, messages: { orderBy: { id: 'desc' }, take: 1 } },
    });
  }

  /** BOT → AGENT_REQUESTED, once: of two concurrent requests (a double click) only one hands off. */
  async startHandOff(id: string): Promise<boolean> {
    const { count } = await this.prisma.conversation.updateMany({ where: { id, mode: 'BOT' }, data: { mode: 'AGENT_REQUESTED' } });
    return count > 0;
  }

  /** Takes this chat's relay lease for `ms` unless another worker holds it; committed at once. */
  async claimRelay(id: string, ms: number): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE "Conversation" SET "relayLeaseUntil" = now() + ${ms}::int * interval '1 millisecond'
      WHERE "id" = ${id}::uuid AND ("relayLeaseUntil" IS NULL OR "relayLeaseUntil" < now())`;
    return count > 0;
  }

  /** The lease holder keeps it while it makes progress. */
  async extendRelay(id: string, ms: number): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE "Conversation" SET "relayLeaseUntil" = now() + ${ms}::int * interval '1 millisecond' WHERE "id" = ${id}::uuid`;
  }

  async releaseRelay(id: string): Promise<void> {
    await this.prisma.conversation.update({ where: { id }, data: { relayLeaseUntil: null } });
  }
}
