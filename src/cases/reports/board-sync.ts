import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import { JobQueue } from '../../queue/job-queue';
import { CaseChange, CaseEventsBus } from '../case-events.bus';
import { CasesService } from '../cases.service';
import { BoardRef, ReportBoard } from './report-board';
import { nonceOf, ReportJobs } from './report-jobs';

/** Edits of one post in one job before it leaves the rest to its retry. */
const MAX_PASSES = 5;

/**
 * Keeps each report's post in line with its case, from the durable queue (no transaction is open
 * during a Discord call; each step is recorded right after it succeeds):
 * - `reports.sync`: create the post once (a retry after a lost answer finds it first), then edit it
 *   whenever the case's board revision is ahead of what the post shows;
 * - `reports.say`: a status or merge line in the post, sent with a nonce;
 * - `reports.resolved`: the DM to an opted-in voter or a merged reporter, once per resolution.
 */
@Injectable()
export class BoardSync implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: CasesService,
    private readonly board: ReportBoard,
    private readonly queue: JobQueue,
    private readonly jobs: ReportJobs,
    private readonly bus: CaseEventsBus,
  ) {}

  onModuleInit(): void {
    this.queue.register('reports.sync', (payload) => this.sync(payload.number));
    this.queue.register('reports.say', async ({ number, line, key }) => {
      const ref = await this.refOf(number);
      // A post not made yet: try again once the sync job made it; channel messages have no discussion.
      if (!ref) throw new Error(`Case #${number} has no post yet`);
      if (!ref.threadId) return;
      // A merge line links to the master's post when it has one.
      const master = line.kind === 'merged' ? await this.refOf(line.into) : null;
      const full = line.kind === 'merged' ? { ...line, intoThreadId: master?.threadId ?? null } : line;
      await this.board.say(ref, await this.cases.get(number), full, nonceOf(`${number}:${key}`));
    });
    this.queue.register('reports.resolved', async ({ number, userId, locale, key }) => {
      await this.board.tellResolved(userId, locale, await this.cases.get(number), nonceOf(`${number}:${userId}:${key}`));
    });
    this.bus.subscribe((change) => this.onChange(change));
  }

  /** A report filed just before a crash may lack its publish job: ask again (the job key makes it once). */
  async onApplicationBootstrap(): Promise<void> {
    const unposted = await this.prisma.case.findMany({ where: { type: { in: ['BUG', 'FEATURE'] }, boardMessageId: null, fields: { not: Prisma.AnyNull } }, select: { number: true }, orderBy: { number: 'desc' }, take: 200 });
    for (const { number } of unposted) await this.jobs.publish(number);
  }

  async sync(number: number): Promise<void> {
    const row = await this.prisma.case.findUnique({ where: { number } });
    if (!row || row.type === 'HELP') return;
    let ref = refFrom(row);
    if (!ref) {
      const view = await this.cases.get(number);
      if (row.boardAttemptedAt) ref = await this.board.find(view);
      else await this.prisma.case.update({ where: { id: row.id }, data: { boardAttemptedAt: new Date() }, select: { id: true } });
      if (!ref) ref = await this.board.publish(view);
      await this.prisma.case.update({
        where: { id: row.id },
        data: { boardChannelId: ref.channelId, boardThreadId: ref.threadId, boardMessageId: ref.messageId, boardSyncedRevision: row.boardRevision },
        select: { id: true },
      });
      this.logger.log(`Case #${number} posted in ${ref.threadId ? `forum post ${ref.threadId}` : `channel ${ref.channelId}`}`);
      if (row.boardRevision === row.boardSyncedRevision && row.status === 'OPEN') return;
    } else if (row.boardSyncedRevision >= row.boardRevision) {
      return;
    }
    await this.refreshUntilCurrent(row.id, number, ref, row.boardRevision);
  }

  /**
   * Edits the post until no change came in while an edit was on its way. Two sync jobs of one case
   * can overlap (windows, retries, replicas), and the edit of the older view may land last; the job
   * that sees a newer revision after its edit edits again, so the last edit to land is current.
   */
  private async refreshUntilCurrent(id: string, number: number, ref: BoardRef, revision: number): Promise<void> {
    for (let pass = 1; ; pass++) {
      // The view is read after the revision: it shows at least that revision.
      await this.board.refresh(ref, await this.cases.get(number));
      await this.prisma.case.updateMany({ where: { id, boardSyncedRevision: { lt: revision } }, data: { boardSyncedRevision: revision } });
      const now = await this.prisma.case.findUniqueOrThrow({ where: { id }, select: { boardRevision: true } });
      if (now.boardRevision <= revision) return;
      // A storm that outlasts a few edits: the retry (with its back-off) carries on.
      if (pass === MAX_PASSES) throw new Error(`Case #${number} kept changing during ${MAX_PASSES} edits of its post`);
      revision = now.boardRevision;
    }
  }

  private async refOf(number: number): Promise<BoardRef | null> {
    const row = await this.prisma.case.findUnique({ where: { number }, select: { boardChannelId: true, boardThreadId: true, boardMessageId: true } });
    return row ? refFrom(row) : null;
  }

  /** A status change of a report: new tag, a line in the post, and when resolved the voters' notices. */
  private async onChange(change: CaseChange): Promise<void> {
    if (change.kind !== 'status_changed' || change.case.type === 'HELP') return;
    const { number } = change.case;
    const key = `${change.to}-${change.case.updatedAt.getTime()}`;
    await this.prisma.case.update({ where: { number }, data: { boardRevision: { increment: 1 } }, select: { id: true } });
    await this.jobs.sync(number);
    if (change.case.mergedInto === null) await this.jobs.say(number, { kind: 'status', status: change.to }, key);
    if (change.to !== 'RESOLVED') return;
    const voters = await this.prisma.caseVote.findMany({ where: { case: { number }, notify: true }, select: { userId: true, locale: true } });
    for (const voter of voters) {
      if (voter.userId !== change.case.reporter.id) await this.jobs.resolved(number, voter.userId, voter.locale, key);
    }
  }
}

/** Where a case's post is, from its row; null before it is posted. */
function refFrom(row: { boardChannelId: string | null; boardThreadId: string | null; boardMessageId: string | null }): BoardRef | null {
  return row.boardChannelId && row.boardMessageId ? { channelId: row.boardChannelId, threadId: row.boardThreadId, messageId: row.boardMessageId } : null;
}
