import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { canTransition } from './case-rules';
import { CasesService } from './cases.service';

/** Who asked for help, as the help chat knows them; `actor` is how case events name them. */
export interface HelpRequester {
  id: string;
  displayName: string;
  /** Their language: status changes and public notes reach them in it. */
  locale?: string;
  actor: string;
}

export interface HelpCaseRef {
  id: string;
  number: number;
}

const CLOSED_STATUSES = ['RESOLVED', 'CLOSED'];
const DEFAULT_DESCRIPTION = 'The player asked for a live agent from the help chat.';

/**
 * The help chat's case rules: a chat asking for a person gets a HELP case, or keeps the one it
 * already has while that is open; an agent taking the chat moves it IN_PROGRESS, assigned to them.
 */
@Injectable()
export class HelpCases {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: CasesService,
  ) {}

  async openOrReuse(currentCaseId: string | null, requester: HelpRequester, recentMessages: string[]): Promise<HelpCaseRef> {
    if (currentCaseId) {
      const existing = await this.prisma.case.findUnique({ where: { id: currentCaseId }, select: { id: true, number: true, status: true } });
      if (existing && !CLOSED_STATUSES.includes(existing.status)) return { id: existing.id, number: existing.number };
    }
    const description = recentMessages.join('\n').slice(0, 4000) || DEFAULT_DESCRIPTION;
    const created = await this.cases.create(
      { type: 'HELP', title: `Help chat with ${requester.displayName}`.slice(0, 200), description, reporterId: requester.id, reporterName: requester.displayName, reporterLocale: requester.locale ?? null },
      requester.actor,
    );
    return { id: await this.idOf(created.number), number: created.number };
  }

  /** An agent took the chat: IN_PROGRESS when the life cycle allows, and assigned to them. */
  async agentAssigned(caseNumber: number, agentName: string | null, actor: string): Promise<void> {
    const current = await this.cases.get(caseNumber);
    await this.cases.update(
      caseNumber,
      {
        ...(canTransition(current.status, 'IN_PROGRESS') ? { status: 'IN_PROGRESS' as const } : {}),
        ...(agentName ? { assignee: agentName.slice(0, 100) } : {}),
      },
      actor,
    );
  }

  /** A note for staff only (never sent to the reporter), recorded once per `key` however often it comes. */
  async internalNote(caseNumber: number, body: string, actor: string, key: string): Promise<void> {
    const { id } = await this.cases.refOf(caseNumber);
    const known = await this.prisma.caseEvent.findFirst({ where: { caseId: id, type: 'NOTE', data: { path: ['key'], equals: key } }, select: { id: true } });
    if (!known) await this.cases.recordEvent(caseNumber, 'NOTE', actor.slice(0, 100), { body: body.slice(0, 4000), public: false, key });
  }

  /** Who the case is assigned to (null when nobody). */
  async assigneeOf(caseNumber: number): Promise<string | null> {
    return (await this.cases.get(caseNumber)).assignee ?? null;
  }

  async numberOf(caseId: string | null): Promise<number | null> {
    if (!caseId) return null;
    const row = await this.prisma.case.findUnique({ where: { id: caseId }, select: { number: true } });
    return row?.number ?? null;
  }

  /** The case's internal id; not_found when there is no such case. */
  async idOf(caseNumber: number): Promise<string> {
    return (await this.cases.refOf(caseNumber)).id;
  }
}
