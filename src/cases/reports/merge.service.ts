import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { PrismaService } from '../../database/prisma.service';
import { CaseEventType } from '../../generated/prisma/enums';
import { CASE_COLUMNS } from '../case-list.query';
import { CaseRow, CaseView, toCaseView } from '../case.view';
import { ReportJobs } from './report-jobs';

/**
 * A lead merges a duplicate report into its master: the duplicate is CLOSED with a link to the
 * master; its reporter and voters become the master's voters (one vote per user, the reporter
 * opted in to the resolved notice); both posts are updated from the queue. Nobody is told now:
 * they are told once, when the master is resolved.
 */
@Injectable()
export class MergeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly jobs: ReportJobs,
  ) {}

  async merge(number: number, into: number, actor: string): Promise<{ duplicate: CaseView; master: CaseView }> {
    if (number === into) throw DomainError.validation([{ field: 'into', messages: ['into must be another case than the one merged'] }]);
    const result = await this.prisma.$transaction(async (tx) => {
      // Both rows locked in number order, so two merges of the same pair cannot deadlock.
      const rows = await tx.$queryRaw<CaseRow[]>`
        SELECT ${CASE_COLUMNS} FROM "Case" WHERE "number" IN (${number}, ${into}) ORDER BY "number" FOR UPDATE`;
      const dup = rows.find((r) => r.number === number);
      const master = rows.find((r) => r.number === into);
      if (!dup) throw DomainError.notFound(`Case #${number}`);
      if (!master) throw DomainError.notFound(`Case #${into}`);
      if (dup.type === 'HELP' || dup.type !== master.type) {
        throw new DomainError('merge_type_mismatch', 409, `Only reports of the same type merge: #${number} is ${dup.type}, #${into} is ${master.type}`);
      }
      if (dup.mergedIntoNumber !== null) throw new DomainError('already_merged', 409, `Case #${number} is already merged into #${dup.mergedIntoNumber}`);
      if (master.mergedIntoNumber !== null) throw new DomainError('master_merged', 409, `Case #${into} is itself merged into #${master.mergedIntoNumber}: merge into that one`);
      if (master.status === 'CLOSED') throw new DomainError('master_closed', 409, `Case #${into} is CLOSED: reopen it or merge into an open case`);

      // Voters move with their opt-in (a user on both keeps one vote, opted in if either was).
      await tx.$executeRaw`
        INSERT INTO "CaseVote" ("caseId", "userId", "userName", "notify", "locale", "createdAt")
        SELECT ${master.id}::uuid, "userId", "userName", "notify", "locale", "createdAt" FROM "CaseVote" WHERE "caseId" = ${dup.id}::uuid
        ON CONFLICT ("caseId", "userId") DO UPDATE SET "notify" = "CaseVote"."notify" OR EXCLUDED."notify"`;
      // The duplicate's reporter is told when the master is resolved, like an opted-in voter.
      if (dup.reporterId && dup.reporterId !== master.reporterId) {
        await tx.$executeRaw`
          INSERT INTO "CaseVote" ("caseId", "userId", "userName", "notify", "locale")
          VALUES (${master.id}::uuid, ${dup.reporterId}, ${dup.reporterName}, true, ${dup.reportLanguage ?? 'en'})
          ON CONFLICT ("caseId", "userId") DO UPDATE SET "notify" = true`;
      }
      await tx.caseVote.deleteMany({ where: { caseId: dup.id } });
      const now = this.clock.now();
      await tx.$executeRaw`
        UPDATE "Case" SET "votes" = (SELECT count(*)::int FROM "CaseVote" WHERE "caseId" = ${master.id}::uuid),
                          "boardRevision" = "boardRevision" + 1, "updatedAt" = ${now} WHERE "id" = ${master.id}::uuid`;
      await tx.$executeRaw`
        UPDATE "Case" SET "status" = 'CLOSED', "closedAt" = COALESCE("closedAt", ${now}), "votes" = 0, "mergedIntoNumber" = ${into},
                          "boardRevision" = "boardRevision" + 1, "updatedAt" = ${now} WHERE "id" = ${dup.id}::uuid`;
      await tx.caseEvent.createMany({
        data: [
          { caseId: dup.id, type: CaseEventType.MERGED, actor, data: { into } },
          ...(dup.status !== 'CLOSED' ? [{ caseId: dup.id, type: CaseEventType.STATUS_CHANGED, actor, data: { from: dup.status, to: 'CLOSED', reason: 'merged' } }] : []),
          { caseId: master.id, type: CaseEventType.MERGED, actor, data: { from: number } },
        ],
      });
      const after = await tx.$queryRaw<CaseRow[]>`SELECT ${CASE_COLUMNS} FROM "Case" WHERE "number" IN (${number}, ${into})`;
      return { duplicate: toCaseView(after.find((r) => r.number === number)!), master: toCaseView(after.find((r) => r.number === into)!) };
    });
    await this.jobs.say(number, { kind: 'merged', into }, `merged-into-${into}`);
    await this.jobs.say(into, { kind: 'merged_here', from: number }, `merged-from-${number}`);
    await this.jobs.sync(number);
    await this.jobs.sync(into);
    return result;
  }
}
