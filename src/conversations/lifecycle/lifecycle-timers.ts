import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { RetryLater } from '../../queue/backoff';
import type { JobMap } from '../../queue/job-map';
import { JobQueue } from '../../queue/job-queue';

export const SLA_JOB = 'lifecycle.sla';
export const STALE_JOB = 'lifecycle.stale';
export const CSAT_JOB = 'lifecycle.csat';

declare module '../../queue/job-map' {
  interface JobMap {
    [SLA_JOB]: { conversationId: string; alert: number; dueAt: string };
    [STALE_JOB]: { conversationId: string; stage: 'remind' | 'close'; since: string; dueAt: string };
    [CSAT_JOB]: { conversationId: string; dueAt: string };
  }
}

type TimerKind = typeof SLA_JOB | typeof STALE_JOB | typeof CSAT_JOB;

/** The queue's delays are Postgres ints (ms): a far timer wakes up daily and sleeps again. */
const MAX_DELAY_MS = 24 * 3600_000;

/**
 * The lifecycle's timers are jobs in Postgres (durable, run by one worker across replicas), each
 * created once by its dedupe key and carrying its due time. The handler judges "due" by the
 * injectable Clock: a job woken early (clock skew between replicas and Postgres, a long timer's
 * daily wake-up) goes back to sleep without using an attempt.
 */
@Injectable()
export class LifecycleTimers {
  constructor(
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** Stores the timer once (by `dedupeKey`): a second call, from a retry or another replica, adds nothing. */
  async at<K extends TimerKind>(kind: K, payload: JobMap[K], dedupeKey: string): Promise<void> {
    const delayMs = Math.min(MAX_DELAY_MS, Math.max(0, new Date(payload.dueAt).getTime() - this.clock.now().getTime()));
    await this.queue.enqueue(kind, payload, { dedupeKey, delayMs });
  }

  /** Throws RetryLater while the timer is not due yet by the clock. */
  assertDue(payload: { dueAt: string }): void {
    const remaining = new Date(payload.dueAt).getTime() - this.clock.now().getTime();
    if (remaining > 0) throw new RetryLater(Math.min(MAX_DELAY_MS, remaining));
  }
}
