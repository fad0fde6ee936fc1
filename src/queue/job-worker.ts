import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutageLog } from '../database/outage-log';
import { PrismaService } from '../database/prisma.service';
import { countsAsAttempt, isRetryable, retryAfterOf, retryDelayMs } from './backoff';
import { DeadJob, JobContext, JobSpec } from './job-map';

interface ClaimedJob {
  id: bigint;
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  attempts: number;
  maxAttempts: number;
}

/** Finished jobs are kept this long so a redelivered webhook still finds its dedupe key. */
const KEEP_DONE_JOBS_DAYS = 7;
/** At most this long for running jobs on shutdown, and never longer than a lease (others take them back then). */
const STOP_GRACE_MS = 10_000;

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

/**
 * The worker loop of JobQueue: claims due jobs with FOR UPDATE SKIP LOCKED (committed at once, no
 * transaction stays open while a handler runs), runs them, and records the outcome only if the
 * job is still this run's (a job taken back meanwhile belongs to its new run). Running jobs send a
 * heartbeat every third of the lease; a job whose heartbeat stopped (a crashed or stopped
 * process) is taken back once the lease is over.
 */
export class JobWorker {
  private readonly logger = new Logger('JobQueue');
  // While the database is away, one line when it goes and one when it is back (not a stack per poll).
  private readonly outage = new OutageLog(this.logger, 'Claiming jobs (is the database reachable?)');
  private readonly inFlight = new Map<bigint, Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  private signalled = false;
  private wakeUp: (() => void) | null = null;
  private lastMaintenance = 0;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly specOf: (kind: string) => JobSpec<unknown> | undefined,
    private readonly deadLetter: (job: DeadJob, spec: JobSpec<unknown> | undefined) => Promise<void>,
  ) {}

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastMaintenance = 0; // a (re)started worker first takes back jobs a crashed one left running
    this.heartbeat = setInterval(() => void this.beat(), Math.max(100, Math.floor(this.config.QUEUE_LEASE_MS / 3)));
    this.heartbeat.unref();
    this.loop = this.work().catch((error: unknown) => this.logger.error({ err: error }, 'Job worker stopped unexpectedly'));
  }

  /** Waits for running jobs up to a grace period; those still running then are left to the lease. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    const pending = Promise.allSettled([...this.inFlight.values()]);
    await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, Math.min(STOP_GRACE_MS, this.config.QUEUE_LEASE_MS)).unref())]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  wake(): void {
    this.signalled = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  private async work(): Promise<void> {
    while (this.running) {
      this.signalled = false;
      await this.maintain();
      const free = this.config.QUEUE_CONCURRENCY - this.inFlight.size;
      let claimed: ClaimedJob[] = [];
      if (free > 0) {
        claimed = await this.claim(free).then(
          (jobs) => (this.outage.succeeded(), jobs),
          (error: unknown) => (this.outage.failed(error), [] as ClaimedJob[]),
        );
        for (const job of claimed) this.track(job);
      }
      if (!this.running) break;
      if (claimed.length > 0 && claimed.length === free) continue; // there may be more due
      if (this.signalled) continue;
      await this.idle(Math.min(this.config.QUEUE_POLL_MS, this.maintenanceEveryMs));
    }
  }

  private claim(limit: number): Promise<ClaimedJob[]> {
    return this.prisma.$queryRaw<ClaimedJob[]>`
      UPDATE "Job" SET "status" = 'RUNNING', "attempts" = "attempts" + 1, "lockedAt" = now(), "updatedAt" = now()
      WHERE "id" IN (
        SELECT "id" FROM "Job" WHERE "status" = 'PENDING' AND "runAt" <= now()
        ORDER BY "runAt", "id" LIMIT ${limit}::int
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "kind", "payload", "dedupeKey", "attempts", "maxAttempts"`;
  }

  private track(job: ClaimedJob): void {
    const run = this.execute(job)
      .catch((error: unknown) => this.logger.error({ err: error }, `Recording the outcome of job ${job.id} failed`))
      .finally(() => {
        this.inFlight.delete(job.id);
        this.wake();
      });
    this.inFlight.set(job.id, run);
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const context: JobContext = { id: String(job.id), kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts };
    const spec = this.specOf(job.kind);
    try {
      if (!spec) throw new Error(`No handler is registered for job kind "${job.kind}"`);
      await spec.run(job.payload, context);
    } catch (error) {
      await this.failed(job, context, spec, error);
      return;
    }
    await this.prisma.$executeRaw`
      UPDATE "Job" SET "status" = 'DONE', "finishedAt" = now(), "lockedAt" = NULL, "updatedAt" = now()
      WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "attempts" = ${job.attempts}`;
  }

  private async failed(job: ClaimedJob, context: JobContext, spec: JobSpec<unknown> | undefined, error: unknown): Promise<void> {
    const lastError = errorText(error);
    if (!countsAsAttempt(error)) {
      await this.prisma.$executeRaw`
        UPDATE "Job" SET "status" = 'PENDING', "attempts" = "attempts" - 1, "lockedAt" = NULL, "updatedAt" = now(),
                         "runAt" = now() + ${Math.round(retryAfterOf(error) ?? 0)}::int * interval '1 millisecond'
        WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "attempts" = ${job.attempts}`;
      return;
    }
    if (job.attempts >= job.maxAttempts || !isRetryable(error)) {
      const count = await this.prisma.$executeRaw`
        UPDATE "Job" SET "status" = 'DEAD', "lastError" = ${lastError}, "finishedAt" = now(), "lockedAt" = NULL, "updatedAt" = now()
        WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "attempts" = ${job.attempts}`;
      if (count === 0) return; // taken back meanwhile: its new run decides
      this.logger.error({ err: error, jobId: context.id, kind: job.kind }, `Job ${context.id} (${job.kind}) is dead after ${job.attempts} attempt(s): ${lastError}`);
      await this.deadLetter({ ...context, payload: job.payload, dedupeKey: job.dedupeKey, lastError }, spec);
      return;
    }
    const delay = retryDelayMs(job.attempts, { baseMs: this.config.QUEUE_RETRY_BASE_MS, maxMs: this.config.QUEUE_RETRY_MAX_MS, retryAfterMs: retryAfterOf(error) });
    await this.prisma.$executeRaw`
      UPDATE "Job" SET "status" = 'PENDING', "lastError" = ${lastError}, "lockedAt" = NULL, "updatedAt" = now(),
                       "runAt" = now() + ${delay}::int * interval '1 millisecond'
      WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "attempts" = ${job.attempts}`;
    this.logger.warn({ jobId: context.id, kind: job.kind }, `Job ${context.id} (${job.kind}) failed on attempt ${job.attempts}/${job.maxAttempts}, retrying in ${delay} ms: ${lastError}`);
  }

  /** Keeps this process's running jobs from being taken back while they make progress. */
  private async beat(): Promise<void> {
    if (this.inFlight.size === 0) return;
    const ids = [...this.inFlight.keys()];
    await this.prisma.$executeRaw`
      UPDATE "Job" SET "lockedAt" = now() WHERE "id" = ANY(${ids}::bigint[]) AND "status" = 'RUNNING'`.catch((error: unknown) =>
      this.logger.warn({ err: error }, 'Job heartbeat failed'),
    );
  }

  private get maintenanceEveryMs(): number {
    return Math.max(100, Math.min(30_000, Math.floor(this.config.QUEUE_LEASE_MS / 2)));
  }

  /** Takes back jobs whose heartbeat stopped, and forgets old finished ones. */
  private async maintain(): Promise<void> {
    if (Date.now() - this.lastMaintenance < this.maintenanceEveryMs) return;
    this.lastMaintenance = Date.now();
    try {
      const reclaimed = await this.prisma.$executeRaw`
        UPDATE "Job" SET "status" = 'PENDING', "lockedAt" = NULL, "updatedAt" = now()
        WHERE "status" = 'RUNNING' AND "lockedAt" < now() - ${this.config.QUEUE_LEASE_MS}::int * interval '1 millisecond'`;
      if (reclaimed > 0) this.logger.warn(`Took back ${reclaimed} job(s) whose worker stopped before finishing`);
      await this.prisma.$executeRaw`
        DELETE FROM "Job" WHERE "status" = 'DONE' AND "finishedAt" < now() - ${KEEP_DONE_JOBS_DAYS}::int * interval '1 day'`;
    } catch (error) {
      this.logger.warn({ err: error }, 'Job queue maintenance failed');
    }
  }
}
