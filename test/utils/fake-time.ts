import { Clock } from '../../src/common/clock';
import { JobQueue } from '../../src/queue/job-queue';
import { eventually } from './eventually';
import type { TestApp } from './test-app';

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
    await app.prisma.$executeRaw`
      UPDATE "Job" SET "runAt" = now() WHERE "status" = 'PENDING' AND "kind" LIKE 'lifecycle.%'
        AND ("payload"->>'dueAt')::timestamptz <= ${at}`;
    await eventually(
      async () => {
        const [{ due }] = await app.prisma.$queryRaw<{ due: number }[]>`
          SELECT count(*)::int AS due FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING') AND "kind" LIKE 'lifecycle.%'
            AND ("payload"->>'dueAt')::timestamptz <= ${at}`;
        return due === 0;
      },
      10_000,
      `the timers due by ${at.toISOString()}`,
    );
    await app.app.get(JobQueue).drain();
  }
}
