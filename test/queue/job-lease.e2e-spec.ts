import { DeadJob, JobQueue } from '../../src/queue/job-queue';
import { PermanentJobError, RetryLater } from '../../src/queue/backoff';
import { QueueModule } from '../../src/queue/queue.module';
import { eventually } from '../utils/eventually';
import { createTestApp, TestApp } from '../utils/test-app';

declare module '../../src/queue/job-map' {
  interface JobMap {
    'lease.long': { id: string; ms: number };
    'lease.later': { id: string; busyTimes: number };
    'lease.doomed': { reason: string };
  }
}

/** The short lease with a heartbeat, per-kind dead-letter handling, and "retry later" that costs no attempt. */
describe('JobQueue: lease, heartbeat, typed kinds', () => {
  let app: TestApp;
  let queue: JobQueue;
  const runs = new Map<string, number>();
  const deadByKind: DeadJob<{ reason: string }>[] = [];
  const deadAll: DeadJob[] = [];

  beforeAll(async () => {
    app = await createTestApp({ QUEUE_LEASE_MS: '1000', QUEUE_POLL_MS: '20', QUEUE_RETRY_BASE_MS: '20', QUEUE_MAX_ATTEMPTS: '2' }, { imports: () => [QueueModule] });
    queue = app.app.get(JobQueue);
    const count = (id: string) => runs.set(id, (runs.get(id) ?? 0) + 1).get(id)!;
    queue.register('lease.long', async ({ id, ms }) => {
      count(id);
      await new Promise((resolve) => setTimeout(resolve, ms));
    });
    queue.register('lease.later', {
      run: async ({ id, busyTimes }) => {
        if (count(id) <= busyTimes) throw new RetryLater(10);
      },
    });
    queue.register('lease.doomed', {
      run: async ({ reason }) => {
        throw new PermanentJobError(reason);
      },
      onDead: (job) => void deadByKind.push(job),
    });
    queue.onDeadLetter((job) => void deadAll.push(job));
  });
  afterAll(() => app.close());

  it('a job running longer than the lease keeps it through its heartbeat and runs once', async () => {
    const { id } = await queue.enqueue('lease.long', { id: 'long', ms: 3000 });
    await queue.drain(15_000);
    expect(runs.get('long')).toBe(1);
    expect(await app.prisma.job.findUniqueOrThrow({ where: { id: BigInt(id!) } })).toMatchObject({ status: 'DONE', attempts: 1 });
  });

  it('a job whose worker went silent is taken back within seconds, not minutes', async () => {
    const [orphan] = await app.prisma.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "Job" ("kind", "payload", "status", "attempts", "maxAttempts", "lockedAt", "updatedAt")
      VALUES ('lease.long', '{"id":"orphan","ms":0}'::jsonb, 'RUNNING', 1, 3, now(), now())
      RETURNING "id"`;
    await eventually(async () => (await app.prisma.job.findUniqueOrThrow({ where: { id: orphan.id } })).status === 'DONE', 10_000, 'the orphan to be taken back');
    expect(await app.prisma.job.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ attempts: 2 });
    expect(runs.get('orphan')).toBe(1);
  });

  it('RetryLater runs the job again without using up its attempts', async () => {
    const { id } = await queue.enqueue('lease.later', { id: 'later', busyTimes: 4 });
    await queue.drain();
    expect(runs.get('later')).toBe(5); // four "not now" and the real run, with only 2 attempts allowed
    expect(await app.prisma.job.findUniqueOrThrow({ where: { id: BigInt(id!) } })).toMatchObject({ status: 'DONE', attempts: 1 });
  });

  it("a dead job runs its kind's own dead-letter handler with its typed payload, and the global hooks", async () => {
    const { id } = await queue.enqueue('lease.doomed', { reason: 'cannot work' });
    await queue.drain();
    expect(deadByKind).toEqual([expect.objectContaining({ id, kind: 'lease.doomed', payload: { reason: 'cannot work' }, lastError: 'Error: cannot work' })]);
    expect(deadAll.map((d) => d.id)).toEqual([id]);
  });
});
