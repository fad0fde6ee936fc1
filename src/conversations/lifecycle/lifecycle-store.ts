import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import type { Prisma } from '../../generated/prisma/client';

const OPEN = { not: 'CLOSED' as const };

export interface LifecycleState {
  mode: 'BOT' | 'AGENT_REQUESTED' | 'AGENT' | 'CLOSED';
  caseId: string | null;
  agentName: string | null;
  playerId: string;
  slaStartsAt: Date | null;
  slaAlerts: number;
  agentRepliedAt: Date | null;
  awaitingPlayerSince: Date | null;
  csatSentAt: Date | null;
  csatAnsweredAt: Date | null;
}

/**
 * The lifecycle's columns of a help chat. Every step that must happen once is a compare-and-set
 * committed on its own, before the message or alert it allows: two workers, a retry or a
 * redelivered event find it taken.
 */
@Injectable()
export class LifecycleStore {
  constructor(private readonly prisma: PrismaService) {}

  state(id: string): Promise<LifecycleState | null> {
    return this.prisma.conversation.findUnique({
      where: { id },
      select: {
        mode: true, caseId: true, agentName: true, playerId: true, slaStartsAt: true, slaAlerts: true,
        agentRepliedAt: true, awaitingPlayerSince: true, csatSentAt: true, csatAnsweredAt: true,
      },
    });
  }

  /** The first-response clock's start, once per chat; returns the start in force. */
  async startSla(id: string, at: Date): Promise<Date> {
    await this.prisma.conversation.updateMany({ where: { id, slaStartsAt: null }, data: { slaStartsAt: at } });
    return (await this.state(id))!.slaStartsAt!;
  }

  /** An agent wrote: true for the chat's first agent reply. The stale countdown (re)starts either way. */
  async agentReplied(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.conversation.updateMany({ where: { id, agentRepliedAt: null }, data: { agentRepliedAt: at } });
    await this.awaitPlayer(id, at);
    return count > 0;
  }

  /** Starts the countdown at `at`; false when the chat is closed. */
  async awaitPlayer(id: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.conversation.updateMany({ where: { id, mode: OPEN }, data: { awaitingPlayerSince: at, playerRemindedAt: null } });
    return count > 0;
  }

  /** The player answered: the countdown stops (its timers find `awaitingPlayerSince` changed). */
  async playerReplied(id: string): Promise<void> {
    await this.prisma.conversation.updateMany({ where: { id, awaitingPlayerSince: { not: null } }, data: { awaitingPlayerSince: null, playerRemindedAt: null } });
  }

  /** Alert `n` of a chat still waiting for its first agent reply, once. */
  async claimSlaAlert(id: string, n: number): Promise<boolean> {
    const { count } = await this.prisma.conversation.updateMany({
      where: { id, slaAlerts: n - 1, agentRepliedAt: null, mode: { in: ['AGENT_REQUESTED', 'AGENT'] } },
      data: { slaAlerts: n },
    });
    return count > 0;
  }

  /** The alert could not be raised: the retry may claim it again. */
  async releaseSlaAlert(id: string, n: number): Promise<void> {
    await this.prisma.conversation.updateMany({ where: { id, slaAlerts: n }, data: { slaAlerts: n - 1 } });
  }

  /** The reminder of the countdown that started at `since`, once; `db`: the transaction that stores it. */
  async claimReminder(id: string, since: Date, at: Date, db: Prisma.TransactionClient = this.prisma): Promise<boolean> {
    const { count } = await db.conversation.updateMany({ where: { id, mode: OPEN, awaitingPlayerSince: since, playerRemindedAt: null }, data: { playerRemindedAt: at } });
    return count > 0;
  }

  /** The survey of this chat, once; `db`: the transaction that stores it. */
  async claimSurvey(id: string, at: Date, db: Prisma.TransactionClient = this.prisma): Promise<boolean> {
    const { count } = await db.conversation.updateMany({ where: { id, csatSentAt: null }, data: { csatSentAt: at } });
    return count > 0;
  }

  /** The player's one answer to the survey of this chat. */
  async claimSurveyAnswer(id: string, playerId: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.conversation.updateMany({ where: { id, playerId, csatSentAt: { not: null }, csatAnsweredAt: null }, data: { csatAnsweredAt: at } });
    return count > 0;
  }
}
