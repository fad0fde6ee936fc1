import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { CaseEventType } from '../generated/prisma/enums';
import { HELP_CHAT_ACTOR_PREFIX } from './case-events.bus';
import { canTransition } from './case-rules';
import { CasesService } from './cases.service';

export const LIFECYCLE_ACTOR = `${HELP_CHAT_ACTOR_PREFIX}lifecycle`;
const LOWER_THAN_HIGH = ['LOW', 'NORMAL'] as const;

/**
 * What the help chat's lifecycle writes on a case: response times (each set once, first writer
 * wins, so a redelivered event changes nothing), the SLA breach, the automatic close and the
 * satisfaction answer, each with its history entry.
 */
@Injectable()
export class CaseTimeline {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: CasesService,
    private readonly clock: Clock,
  ) {}

  async agentRequested(caseId: string, at: Date): Promise<void> {
    await this.prisma.case.updateMany({ where: { id: caseId, agentRequestedAt: null }, data: { agentRequestedAt: at } });
  }

  async firstResponse(caseId: string, at: Date): Promise<void> {
    await this.prisma.case.updateMany({ where: { id: caseId, firstResponseAt: null }, data: { firstResponseAt: at } });
  }

  /** `db`: the transaction that closes the chat, so the case is resolved exactly when its chat closes. */
  async resolved(caseId: string, at: Date, db: Prisma.TransactionClient = this.prisma): Promise<void> {
    await db.case.updateMany({ where: { id: caseId, resolvedAt: null }, data: { resolvedAt: at } });
  }

  /** The first breach only: priority HIGH (unless already higher) and one SLA_BREACHED entry. */
  async slaBreached(caseNumber: number, waitingMinutes: number, targetMinutes: number): Promise<boolean> {
    const { id } = await this.cases.refOf(caseNumber);
    const first = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.case.updateMany({ where: { id, slaBreachedAt: null }, data: { slaBreachedAt: this.clock.now() } });
      if (count === 0) return false;
      await tx.caseEvent.create({ data: { caseId: id, type: CaseEventType.SLA_BREACHED, actor: LIFECYCLE_ACTOR, data: { waitingMinutes, targetMinutes } } });
      return true;
    });
    if (!first) return false;
    const current = await this.cases.get(caseNumber);
    if ((LOWER_THAN_HIGH as readonly string[]).includes(current.priority)) await this.cases.update(caseNumber, { priority: 'HIGH' }, LIFECYCLE_ACTOR);
    return true;
  }

  /** The case waits on the player (the agent said so, or the player was reminded). */
  async waitingOnPlayer(caseNumber: number): Promise<void> {
    const current = await this.cases.get(caseNumber);
    if (current.status !== 'WAITING' && canTransition(current.status, 'WAITING')) await this.cases.update(caseNumber, { status: 'WAITING' }, LIFECYCLE_ACTOR);
  }

  /**
   * The chat closed itself: the configured status (when the life cycle allows it) and one
   * AUTO_CLOSED entry per chat (a retried close job finds its entry and adds none).
   */
  async autoClosed(caseNumber: number, status: 'RESOLVED' | 'CLOSED' | 'UNCHANGED', idleHours: number, conversationId: string): Promise<void> {
    const current = await this.cases.get(caseNumber);
    if (status !== 'UNCHANGED' && current.status !== status && canTransition(current.status, status)) {
      await this.cases.update(caseNumber, { status }, LIFECYCLE_ACTOR);
    }
    const { id: caseId } = await this.cases.refOf(caseNumber);
    const recorded = await this.prisma.caseEvent.findFirst({ where: { caseId, type: CaseEventType.AUTO_CLOSED, data: { path: ['conversationId'], equals: conversationId } }, select: { id: true } });
    if (recorded) return;
    await this.cases.recordEvent(caseNumber, CaseEventType.AUTO_CLOSED, LIFECYCLE_ACTOR, { automatic: true, reason: 'the player did not answer', idleHours, status, conversationId });
  }

  async satisfaction(caseId: string, answer: { score: number; agent: string | null; actor: string }): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.case.update({ where: { id: caseId }, data: { csatScore: answer.score, csatAgent: answer.agent, csatAt: this.clock.now(), csatComment: null }, select: { id: true } }),
      this.prisma.caseEvent.create({ data: { caseId, type: CaseEventType.SATISFACTION, actor: answer.actor, data: { score: answer.score } } }),
    ]);
  }

  /** The optional comment, once, after the score. */
  async satisfactionComment(caseId: string, comment: string, actor: string): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.case.updateMany({ where: { id: caseId, csatScore: { not: null }, csatComment: null }, data: { csatComment: comment } });
      if (count > 0) await tx.caseEvent.create({ data: { caseId, type: CaseEventType.SATISFACTION, actor, data: { comment } } });
      return count > 0;
    });
  }
}
