import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { PrismaService } from '../../database/prisma.service';
import { OPEN_STATUSES } from '../case-rules';
import { CasesService } from '../cases.service';
import { ReportJobs } from './report-jobs';

export interface Voter {
  id: string;
  name: string;
  locale: string;
}

export interface VoteOutcome {
  voted: boolean;
  votes: number;
  /** The case the vote went to: a merged duplicate's votes go to its master. */
  number: number;
}

/**
 * "Me too" / upvotes: one per Discord user per case (the primary key says so, under any
 * concurrency). Every change bumps the case's board revision and asks for a coalesced post edit.
 */
@Injectable()
export class VotesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: CasesService,
    private readonly jobs: ReportJobs,
  ) {}

  /** A click on the vote button: adds the vote, or removes it when the user had voted. */
  async toggle(number: number, voter: Voter): Promise<VoteOutcome> {
    const target = await this.votable(number);
    const removed = await this.prisma.caseVote.deleteMany({ where: { caseId: target.id, userId: voter.id } });
    if (removed.count > 0) return this.recount(target, false);
    return this.add(target.number, voter);
  }

  /** Adds the vote (nothing changes when it is there already). */
  async add(number: number, voter: Voter): Promise<VoteOutcome> {
    const target = await this.votable(number);
    await this.prisma.caseVote.createMany({ data: [{ caseId: target.id, userId: voter.id, userName: voter.name.slice(0, 100), locale: voter.locale.slice(0, 10) }], skipDuplicates: true });
    return this.recount(target, true);
  }

  /** The voter opts in (or out) of being told when the case is resolved; false when they have no vote. */
  async setNotify(number: number, userId: string, notify: boolean): Promise<boolean> {
    const target = await this.votable(number, { anyStatus: true });
    const updated = await this.prisma.caseVote.updateMany({ where: { caseId: target.id, userId }, data: { notify } });
    return updated.count > 0;
  }

  async voters(number: number) {
    const { id } = await this.cases.refOf(number);
    const rows = await this.prisma.caseVote.findMany({ where: { caseId: id }, orderBy: { createdAt: 'asc' } });
    return { number, votes: rows.length, voters: rows.map((v) => ({ id: v.userId, name: v.userName, notify: v.notify, votedAt: v.createdAt })) };
  }

  /** A merged duplicate forwards to its master; closed cases take no new votes. */
  private async votable(number: number, options: { anyStatus?: boolean } = {}): Promise<{ id: string; number: number }> {
    let view = await this.cases.get(number);
    if (view.mergedInto) view = await this.cases.get(view.mergedInto);
    if (view.type === 'HELP') throw new DomainError('not_a_report', 409, `Case #${view.number} is a help chat, not a report`);
    if (!options.anyStatus && !OPEN_STATUSES.includes(view.status)) throw new DomainError('report_closed', 409, `Case #${view.number} is ${view.status}: it takes no new votes`);
    return this.cases.refOf(view.number);
  }

  private async recount(target: { id: string; number: number }, voted: boolean): Promise<VoteOutcome> {
    const [row] = await this.prisma.$queryRaw<{ votes: number }[]>`
      UPDATE "Case" SET "votes" = (SELECT count(*)::int FROM "CaseVote" WHERE "caseId" = ${target.id}::uuid), "boardRevision" = "boardRevision" + 1
      WHERE "id" = ${target.id}::uuid RETURNING "votes"`;
    await this.jobs.sync(target.number);
    return { voted, votes: row.votes, number: target.number };
  }
}
