import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { isRetryable, retryAfterOf, retryDelayMs } from './backoff';
import { JobBatchWriter } from './job-batch-writer';
import { OutageLog } from '../database/outage-log';

export interface JobContext {
  id: string;
  kind: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

export interface DeadJob extends JobContext {
  payload: unknown;
  dedupeKey: string | null;
  lastError: string;
}

export type DeadLetterHook = (job: DeadJob) => Promise<void> | void;

interface ClaimedJob {
  id: bigint;
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  attempts: number;
  maxAttempts: number;
}

const MAINTENANCE_EVERY_MS = 30_000;
/** Finished jobs are kept this long so a redelivered webhook still finds its dedupe key. */
const KEEP_DONE_JOBS_DAYS = 7;
const STOP_GRACE_MS = 10_000;

const errorText = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);

/**
 * A durable job queue in Postgres. Work is stored first (`enqueue`, deduplicated by key), then a
 * worker in every process claims due jobs with FOR UPDATE SKIP LOCKED, runs the handler for its
 * kind, and retries failures with exponential backoff until `maxAttempts`, after which the job is
 * DEAD and the dead-letter hooks run. A job left RUNNING by a crashed process is taken back after
 * the lease.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly outage = new OutageLog(this.logger, 'Claiming jobs (is the database reachable?)');
  private readonly handlers = new Map<string, JobHandler>();
  private readonly deadLetterHooks: DeadLetterHook[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | null = null;
  private signalled = false;
  private wakeUp: (() => void) | null = null;
  private lastMaintenance = 0;
  private readonly writer: JobBatchWriter;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {
    this.writer = new JobBatchWriter(prisma);
  }

  /** One handler per kind; register in onModuleInit so it is there before the worker starts. */
  register(kind: string, handler: JobHandler): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    this.handlers.set(kind, handler);
  }

  /** Called when a job is given up on (besides the error log line). */
  onDeadLetter(hook: DeadLetterHook): void {
    this.deadLetterHooks.push(hook);
  }

  /**
   * Stores a job; with a `dedupeKey` already used, nothing is stored and `created` is false
   * (a webhook delivered twice is one job). Resolves once the row is committed; jobs enqueued
   * together are written in one statement (JobBatchWriter).
   */
  async enqueue(
    kind: string,
    payload: unknown,
    options: { dedupeKey?: string; maxAttempts?: number; delayMs?: number } = {},
  ): Promise<{ id: string | null; created: boolean }> {
    const result = await this.writer.write({
      kind,
      payload,
      dedupeKey: options.dedupeKey ?? null,
      maxAttempts: options.maxAttempts ?? this.config.QUEUE_MAX_ATTEMPTS,
      delayMs: Math.max(0, Math.round(options.delayMs ?? 0)),
    });
    if (result.created) this.wake();
    return result;
  }

  /** Dead jobs, newest first, for leads to inspect (GET /api/queue/dead). */
  async listDead(limit = 50) {
    const rows = await this.prisma.job.findMany({ where: { status: 'DEAD' }, orderBy: { id: 'desc' }, take: limit });
    return rows.map((job) => ({
      id: String(job.id),
      kind: job.kind,
      dedupeKey: job.dedupeKey,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      lastError: job.lastError,
      payload: job.payload,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    }));
  }

  /** Puts a dead job back in the queue with a fresh set of attempts; false when it is not dead. */
  async retryDead(id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const count = await this.prisma.$executeRaw`
      UPDATE "Job" SET "status" = 'PENDING', "attempts" = 0, "runAt" = now(), "finishedAt" = NULL, "updatedAt" = now()
      WHERE "id" = ${BigInt(id)} AND "status" = 'DEAD'`;
    if (count > 0) this.wake();
    return count > 0;
  }

  /**
   * Resolves once no job is pending or running (including retries not yet due); for tests and
   * graceful hand-over. Throws after `timeoutMs`.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ open }] = await this.prisma.$queryRaw<{ open: number }[]>`
        SELECT count(*)::int AS "open" FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING')`;
      if (open === 0 && this.inFlight.size === 0) return;
      if (Date.now() > deadline) throw new Error(`JobQueue.drain: ${open} job(s) still pending or running after ${timeoutMs} ms`);
      this.wake();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /**
   * Stops on module destroy rather than application shutdown: Prisma disconnects in its own
   * onModuleDestroy, which Nest runs after this (global modules last), so running jobs can still
   * record their outcome.
   */
  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastMaintenance = 0; // a (re)started worker first takes back jobs a crashed one left running
    this.loop = this.work().catch((error: unknown) => this.logger.error({ err: error }, 'Job worker stopped unexpectedly'));
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    const pending = Promise.allSettled([...this.inFlight]);
    const timeout = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
    await Promise.race([pending, timeout]);
  }

  private wake(): void {
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
          (error: unknown) => (this.outage.failed(error), []),
        );
        for (const job of claimed) this.track(job);
      }
      if (!this.running) break;
      if (claimed.length > 0 && claimed.length === free) continue; // there may be more due
      if (this.signalled) continue;
      await this.idle(this.config.QUEUE_POLL_MS);
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
        this.inFlight.delete(run);
        this.wake();
      });
    this.inFlight.add(run);
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const context: JobContext = { id: String(job.id), kind: job.kind, attempt: job.attempts, maxAttempts: job.maxAttempts };
    try {
      const handler = this.handlers.get(job.kind);
      if (!handler) throw new Error(`No handler is registered for job kind "${job.kind}"`);
      await handler(job.payload, context);
    } catch (error) {
      await this.failed(job, context, error);
      return;
    }
    await this.prisma.$executeRaw`
      UPDATE "Job" SET "status" = 'DONE', "finishedAt" = now(), "lockedAt" = NULL, "updatedAt" = now()
      WHERE "id" = ${job.id}`;
  }

  private async failed(job: ClaimedJob, context: JobContext, error: unknown): Promise<void> {
    const lastError = errorText(error);
    if (job.attempts >= job.maxAttempts || !isRetryable(error)) {
      await this.prisma.$executeRaw`
        UPDATE "Job" SET "status" = 'DEAD', "lastError" = ${lastError}, "finishedAt" = now(), "lockedAt" = NULL, "updatedAt" = now()
        WHERE "id" = ${job.id}`;
      this.logger.error({ err: error, jobId: context.id, kind: job.kind }, `Job ${context.id} (${job.kind}) is dead after ${job.attempts} attempt(s): ${lastError}`);
      for (const hook of this.deadLetterHooks) {
        await Promise.resolve()
          .then(() => hook({ ...context, payload: job.payload, dedupeKey: job.dedupeKey, lastError }))
          .catch((hookError: unknown) => this.logger.error({ err: hookError }, `Dead-letter hook failed for job ${context.id}`));
      }
      return;
    }
    const delay = retryDelayMs(job.attempts, {
      baseMs: this.config.QUEUE_RETRY_BASE_MS,
      maxMs: this.config.QUEUE_RETRY_MAX_MS,
      retryAfterMs: retryAfterOf(error),
    });
    await this.prisma.$executeRaw`
      UPDATE "Job" SET "status" = 'PENDING', "lastError" = ${lastError}, "lockedAt" = NULL, "updatedAt" = now(),
                       "runAt" = now() + ${delay}::int * interval '1 millisecond'
      WHERE "id" = ${job.id}`;
    this.logger.warn({ jobId: context.id, kind: job.kind }, `Job ${context.id} (${job.kind}) failed on attempt ${job.attempts}/${job.maxAttempts}, retrying in ${delay} ms: ${lastError}`);
  }

  /** Takes back jobs whose worker vanished, and forgets old finished ones; at most every 30 s. */
  private async maintain(): Promise<void> {
    if (Date.now() - this.lastMaintenance < MAINTENANCE_EVERY_MS) return;
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
