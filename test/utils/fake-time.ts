import { Clock } from '../../src/common/clock';
import type { PrismaService } from '../../src/database/prisma.service';
import { JobQueue } from '../../src/queue/job-queue';
import { eventually } from './eventually';
import type { TestApp } from './test-app';

/** A Clock whose time a test sets (for the core wired by hand, test/fakes/core). */
export const HOUR = 3600_000;
/** A Monday after the machine's real time (the fake clock only moves on), where the lifecycle tests start. */
export const T0 = new Date('2027-03-01T10:00:00.000Z');
/** The instant `ms` after T0. */
export const at = (ms: number) => new Date(T0.getTime() + ms);

export class MovableClock extends Clock {
  constructor(public at: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.at);
  }

  /** Moves `ms` on from where it is; the timers due by then run. */
  async moveOn(ms: number, prisma: PrismaService, queue: JobQueue): Promise<void> {
    this.at = new Date(this.at.getTime() + ms);
    await runTimersDue(prisma, queue, this.at);
  }
}

/**
 * Makes the lifecycle timers due by `at` (by the app's clock) runnable at once, as real time
 * passing would, and waits until they and the work they queued have run.
 */
export async function runTimersDue(prisma: PrismaService, queue: JobQueue, at: Date): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "Job" SET "runAt" = now() WHERE "status" = 'PENDING' AND "kind" LIKE 'lifecycle.%'
      AND ("payload"->>'dueAt')::timestamptz <= ${at}`;
  await eventually(
    async () => {
      const [{ due }] = await prisma.$queryRaw<{ due: number }[]>`
        SELECT count(*)::int AS due FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING') AND "kind" LIKE 'lifecycle.%'
          AND ("payload"->>'dueAt')::timestamptz <= ${at}`;
      return due === 0;
    },
    10_000,
    `the timers due by ${at.toISOString()}`,
  );
  await queue.drain();
}

/**
 * A fake clock for the app and its durable timers. The lifecycle's timers are jobs whose `runAt`
 * Postgres keeps in real time and whose payload carries the due time by the app's Clock: moving
 * the fake clock makes the jobs due by then runnable at once, as real time passing would.
 */
export class FakeTime {
  constructor(public now: Date) {}

  attach(app: TestApp): void {
    jest.spyOn(app.app.get(Clock), 'now').mockImplementation(() => new Date(this.now));
  }

  /** Moves the clock to `at` and waits until every timer due by then has run, and the work it queued. */
  async travelTo(app: TestApp, at: Date): Promise<void> {
    this.now = at;
    await runTimersDue(app.prisma, app.app.get(JobQueue), at);
  }
}
