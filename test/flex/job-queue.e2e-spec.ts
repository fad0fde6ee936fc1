import { Role } from '../../src/generated/prisma/enums';
import { PermanentJobError } from '../../src/queue/backoff';
import { DeadJob, JobQueue } from '../../src/queue/job-queue';
import { QueueModule } from '../../src/queue/queue.module';
import { createTestApp, TestApp } from '../utils/test-app';

declare module '../../src/queue/job-map' {
  interface JobMap {
    'test.work': { id: string };
  }
}

describe('JobQueue (Postgres-backed, retries with backoff, dead letters)', () => {
  let app: TestApp;
  let queue: JobQueue;
  const dead: DeadJob[] = [];
  /** Per job payload id: when each attempt started, and how many more attempts should fail. */
  const attempts = new Map<string, number[]>();
  const plans = new Map<string, (attempt: number) => Error | null>();

  beforeAll(async () => {
    app = await createTestApp(
      { QUEUE_RETRY_BASE_MS: '100', QUEUE_RETRY_MAX_MS: '400', QUEUE_MAX_ATTEMPTS: '3', QUEUE_POLL_MS: '50' },
      { imports: () => [QueueModule] },
    );
    queue = app.app.get(JobQueue);
    queue.onDeadLetter((job) => {
      dead.push(job);
    });
    queue.register('test.work', async (payload, job) => {
      const { id } = payload;
      attempts.set(id, [...(attempts.get(id) ?? []), Date.now()]);
      const failure = plans.get(id)?.(job.attempt);
      if (failure) throw failure;
    });
  });

  afterAll(async () => {
    await app.close();
  });

  const gaps = (id: string) => attempts.get(id)!.slice(1).map((at, i) => at - attempts.get(id)![i]);

  it('retries a failing handler with growing delays and succeeds once', async () => {
    plans.set('flaky', (attempt) => (attempt < 3 ? new Error(`boom ${attempt}`) : null));

    const { id } = await queue.enqueue('test.work', { id: 'flaky' });
    await queue.drain();

    expect(attempts.get('flaky')).toHaveLength(3);
    const [first, second] = gaps('flaky');
    expect(first).toBeGreaterThanOrEqual(50); // attempt 1: 100 ms, half of it at least
    expect(second).toBeGreaterThanOrEqual(100); // attempt 2: 200 ms, half of it at least
    const row = await app.prisma.job.findUniqueOrThrow({ where: { id: BigInt(id!) } });
    expect(row).toMatchObject({ status: 'DONE', attempts: 3, lastError: 'Error: boom 2' });
    expect(dead.find((d) => d.id === id)).toBeUndefined();
  });

  it('waits as long as a failure’s retryAfterMs asks (e.g. a 429)', async () => {
    plans.set('limited', (attempt) => (attempt === 1 ? Object.assign(new Error('429 Too Many Requests'), { retryAfterMs: 600 }) : null));

    await queue.enqueue('test.work', { id: 'limited' });
    await queue.drain();

    expect(gaps('limited')[0]).toBeGreaterThanOrEqual(590);
  });

  it('gives up after maxAttempts: the job is DEAD, the dead-letter hook runs once, leads can list and retry it', async () => {
    plans.set('doomed', () => new Error('Discord says 50007: cannot send messages to this user'));

    const { id } = await queue.enqueue('test.work', { id: 'doomed' }, { dedupeKey: 'doomed-1' });
    await queue.drain();

    expect(attempts.get('doomed')).toHaveLength(3);
    expect(dead.filter((d) => d.id === id)).toEqual([
      { id, kind: 'test.work', attempt: 3, maxAttempts: 3, payload: { id: 'doomed' }, dedupeKey: 'doomed-1', lastError: 'Error: Discord says 50007: cannot send messages to this user' },
    ]);

    const lead = await app.keyFor(Role.LEAD);
    const listed = await app.request({ method: 'GET', url: '/api/queue/dead', headers: lead });
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toEqual([
      expect.objectContaining({ id, kind: 'test.work', attempts: 3, maxAttempts: 3, dedupeKey: 'doomed-1', payload: { id: 'doomed' }, lastError: expect.stringContaining('50007') }),
    ]);
    const viewer = await app.keyFor(Role.VIEWER);
    expect((await app.request({ method: 'GET', url: '/api/queue/dead', headers: viewer })).statusCode).toBe(403);

    plans.set('doomed', () => null);
    const retried = await app.request({ method: 'POST', url: `/api/queue/dead/${id}/retry`, headers: lead });
    expect(retried.statusCode).toBe(202);
    await queue.drain();
    expect(await app.prisma.job.findUniqueOrThrow({ where: { id: BigInt(id!) } })).toMatchObject({ status: 'DONE', attempts: 1 });
    expect((await app.request({ method: 'POST', url: `/api/queue/dead/${id}/retry`, headers: lead })).statusCode).toBe(404);
  });

  it('does not retry a permanent failure', async () => {
    plans.set('malformed', () => new PermanentJobError('payload makes no sense'));

    const { id } = await queue.enqueue('test.work', { id: 'malformed' });
    await queue.drain();

    expect(attempts.get('malformed')).toHaveLength(1);
    expect(await app.prisma.job.findUniqueOrThrow({ where: { id: BigInt(id!) } })).toMatchObject({ status: 'DEAD', attempts: 1 });
  });

  it('stores a job once per dedupe key', async () => {
    const first = await queue.enqueue('test.work', { id: 'twice' }, { dedupeKey: 'same-event' });
    const second = await queue.enqueue('test.work', { id: 'twice' }, { dedupeKey: 'same-event' });
    await queue.drain();

    expect(first.created).toBe(true);
    expect(second).toEqual({ id: null, created: false });
    expect(await app.prisma.job.count({ where: { dedupeKey: 'same-event' } })).toBe(1);
    expect(attempts.get('twice')).toHaveLength(1);
  });

  it('jobs enqueued in a transaction exist only if it commits, once per dedupe key, and run right after the commit', async () => {
    await expect(
      queue.transaction(async (tx, enqueue) => {
        await enqueue('test.work', { id: 'rolled-back' }, { dedupeKey: 'tx-rolled-back' });
        await tx.$executeRaw`SELECT 1`;
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const result = await queue.transaction(async (_tx, enqueue) => {
      await enqueue('test.work', { id: 'committed' }, { dedupeKey: 'tx-committed' });
      await enqueue('test.work', { id: 'committed' }, { dedupeKey: 'tx-committed' });
      return 'done';
    });
    await queue.drain();

    expect(result).toBe('done');
    expect(await app.prisma.job.count({ where: { dedupeKey: 'tx-rolled-back' } })).toBe(0);
    expect(attempts.get('rolled-back')).toBeUndefined();
    expect(await app.prisma.job.count({ where: { dedupeKey: 'tx-committed', status: 'DONE' } })).toBe(1);
    expect(attempts.get('committed')).toHaveLength(1);
  });

  it('writes a burst of enqueues together and answers each one right, duplicates in the burst included', async () => {
    const inputs = Array.from({ length: 60 }, (_, i) => ({ id: `burst-${i}`, key: i % 3 === 0 ? `burst-key-${i % 12}` : undefined }));
    const results = await Promise.all(inputs.map((input) => queue.enqueue('test.work', { id: input.id }, { dedupeKey: input.key })));
    await queue.drain();

    const seenKeys = new Set<string>();
    for (const [i, input] of inputs.entries()) {
      const firstWithKey = input.key === undefined || !seenKeys.has(input.key);
      if (input.key) seenKeys.add(input.key);
      expect(results[i].created).toBe(firstWithKey);
      if (!firstWithKey) continue;
      const row = await app.prisma.job.findUniqueOrThrow({ where: { id: BigInt(results[i].id!) } });
      expect(row.payload).toEqual({ id: input.id }); // each caller got its own row's id
    }
    expect(await app.prisma.job.count({ where: { dedupeKey: { startsWith: 'burst-key-' } } })).toBe(4);
    const ran = inputs.filter((input) => attempts.has(input.id)).length;
    expect(ran).toBe(60 - 20 + 4);
  });

  it('survives a restart: jobs stored while stopped run later, a job left RUNNING past its lease runs again', async () => {
    await queue.stop();
    const { id: waiting } = await queue.enqueue('test.work', { id: 'while-stopped' });
    const [orphan] = await app.prisma.$queryRaw<{ id: bigint }[]>`
      INSERT INTO "Job" ("kind", "payload", "status", "attempts", "maxAttempts", "lockedAt", "updatedAt")
      VALUES ('test.work', '{"id":"orphan"}'::jsonb, 'RUNNING', 1, 3, now() - interval '1 hour', now())
      RETURNING "id"`;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(attempts.get('while-stopped')).toBeUndefined();

    queue.start();
    await queue.drain();

    expect(attempts.get('while-stopped')).toHaveLength(1);
    expect(attempts.get('orphan')).toHaveLength(1);
    expect(await app.prisma.job.findUniqueOrThrow({ where: { id: BigInt(waiting!) } })).toMatchObject({ status: 'DONE' });
    expect(await app.prisma.job.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: 'DONE', attempts: 2 });
  });

  it('a job the database refuses fails alone, not the others written in the same group', async () => {
    const results = await Promise.allSettled([
      queue.enqueue('test.work', { id: 'group-1' }, { dedupeKey: 'group-1' }),
      queue.enqueue('test.work', { id: 'group-2' }, { dedupeKey: 'x'.repeat(300) }), // over the column's 200 characters
      queue.enqueue('test.work', { id: 'group-3' }, { dedupeKey: 'group-3' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await app.prisma.job.count({ where: { dedupeKey: { in: ['group-1', 'group-3'] } } })).toBe(2);
  });
});
