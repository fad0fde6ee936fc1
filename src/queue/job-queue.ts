import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import type { Prisma } from '../generated/prisma/client';
import { JobBatchWriter } from './job-batch-writer';
import { DeadJob, DeadLetterHook, JobHandler, JobKind, JobMap, JobSpec } from './job-map';
import { JobWorker } from './job-worker';

export type { DeadJob, JobContext, JobHandler, JobSpec } from './job-map';

export interface EnqueueOptions {
  dedupeKey?: string;
  maxAttempts?: number;
  delayMs?: number;
}

/** Enqueues a job inside the caller's transaction: it exists once that transaction commits, never otherwise. */
export type EnqueueWithin = <K extends JobKind>(kind: K, payload: JobMap[K], options?: EnqueueOptions) => Promise<void>;

/**
 * A durable job queue in Postgres. Work is stored first (`enqueue`, deduplicated by key, written
 * in groups), then a worker in every process runs the handler of its kind (JobWorker), retrying
 * failures with exponential backoff until `maxAttempts`; then the job is DEAD, and its kind's
 * dead-letter behaviour and the global hooks run. Kinds and payloads are typed by JobMap.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobQueue.name);
  private readonly specs = new Map<string, JobSpec<unknown>>();
  private readonly deadLetterHooks: DeadLetterHook[] = [];
  private readonly writer: JobBatchWriter;
  private readonly worker: JobWorker;

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {
    this.writer = new JobBatchWriter(prisma);
    this.worker = new JobWorker(prisma, config, (kind) => this.specs.get(kind), (job, spec) => this.deadLettered(job, spec));
  }

  /** One handler per kind; register in onModuleInit so it is there before the worker starts. */
  register<K extends JobKind>(kind: K, spec: JobSpec<JobMap[K]> | JobHandler<JobMap[K]>): void {
    if (this.specs.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    this.specs.set(kind, (typeof spec === 'function' ? { run: spec } : spec) as JobSpec<unknown>);
  }

  /** Called for every job given up on, whatever its kind (besides the error log line). */
  onDeadLetter(hook: DeadLetterHook): void {
    this.deadLetterHooks.push(hook);
  }

  /**
   * Stores a job; with a `dedupeKey` already used, nothing is stored and `created` is false
   * (a webhook delivered twice is one job). Resolves once the row is committed.
   */
  async enqueue<K extends JobKind>(
    kind: K,
    payload: JobMap[K],
    options: EnqueueOptions = {},
  ): Promise<{ id: string | null; created: boolean }> {
    const result = await this.writer.write({
      kind,
      payload,
      dedupeKey: options.dedupeKey ?? null,
      maxAttempts: options.maxAttempts ?? this.config.QUEUE_MAX_ATTEMPTS,
      delayMs: Math.max(0, Math.round(options.delayMs ?? 0)),
    });
    if (result.created) this.worker.wake();
    return result;
  }

  /**
   * Runs `work` in one transaction with the jobs it enqueues: a state change and the deliveries
   * it calls for are committed together, so a crash right after the change loses none of them.
   * `work` must not call Discord or Twilio (those calls belong in the jobs).
   */
  async transaction<T>(work: (tx: Prisma.TransactionClient, enqueue: EnqueueWithin) => Promise<T>): Promise<T> {
    let created = false;
    const result = await this.prisma.$transaction((tx) =>
      work(tx, async (kind, payload, options = {}) => {
        const count = await tx.$executeRaw`
          INSERT INTO "Job" ("kind", "payload", "dedupeKey", "maxAttempts", "runAt", "updatedAt")
          VALUES (${kind}, ${JSON.stringify(payload ?? null)}::jsonb, ${options.dedupeKey ?? null}, ${options.maxAttempts ?? this.config.QUEUE_MAX_ATTEMPTS}::int,
                  now() + ${Math.max(0, Math.round(options.delayMs ?? 0))}::int * interval '1 millisecond', now())
          ON CONFLICT ("dedupeKey") DO NOTHING`;
        created ||= count > 0;
      }),
    );
    if (created) this.worker.wake();
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
    if (count > 0) this.worker.wake();
    return count > 0;
  }

  /**
   * Resolves once no job is pending or running (retries not yet due included); throws after
   * `timeoutMs`. Timers not due yet (kinds registered with `timer: true`, a reminder in 24 h) are
   * not work in progress and are not waited for; a timer retried after a failure is (a sleeping
   * timer's early wake-ups give their attempt back, so its count stays 0).
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const timerKinds = [...this.specs].filter(([, spec]) => spec.timer).map(([kind]) => kind);
    for (;;) {
      const [{ open }] = await this.prisma.$queryRaw<{ open: number }[]>`
        SELECT count(*)::int AS "open" FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING')
          AND NOT ("status" = 'PENDING' AND "kind" = ANY(${timerKinds}::text[]) AND "runAt" > now() AND "attempts" = 0)`;
      if (open === 0 && !this.worker.busy) return;
      if (Date.now() > deadline) throw new Error(`JobQueue.drain: ${open} job(s) still pending or running after ${timeoutMs} ms`);
      this.worker.wake();
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

  /** For readiness: whether this process's worker is claiming jobs. */
  get workerRunning(): boolean {
    return this.worker.isRunning;
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  private async deadLettered(job: DeadJob, spec: JobSpec<unknown> | undefined): Promise<void> {
    for (const hook of [...(spec?.onDead ? [spec.onDead] : []), ...this.deadLetterHooks]) {
      await Promise.resolve()
        .then(() => hook(job))
        .catch((error: unknown) => this.logger.error({ err: error }, `Dead-letter handling failed for job ${job.id}`));
    }
  }
}
