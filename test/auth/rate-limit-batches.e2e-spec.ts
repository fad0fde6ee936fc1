import { Pool } from 'pg';
import { BatchedBudget } from '../../src/auth/rate-limit/batched-budget';
import { PostgresPointStore } from '../../src/auth/rate-limit/postgres-point-store';
import { createTestDatabase } from '../utils/test-database';

/**
 * The per-key budget's reservations against the real rate_limit_counters table: three "replicas"
 * (budgets with their own pools and connections) reserving concurrently from one row.
 */
describe('per-key batches in Postgres', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const pools: Pool[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const pool of pools) await pool.end();
    await database.drop();
  });

  const replica = (limit: number, now = () => Date.now()) => {
    const pool = new Pool({ connectionString: database.url, max: 4 });
    pools.push(pool);
    return new BatchedBudget(new PostgresPointStore(pool, 'rate_limit_counters'), { limit, windowMs: 60_000, maxBatch: 100, shareDivisor: 16, now });
  };
  const row = async (key: string) => {
    const { rows } = await pools[0].query<{ points: number; expire: string }>('SELECT points, expire FROM rate_limit_counters WHERE key = $1', [key]);
    return rows[0];
  };

  it('grants exactly the limit across replicas under concurrency', async () => {
    const replicas = [replica(2000), replica(2000), replica(2000)];
    let allowed = 0;
    for (let round = 0; round < 20; round++) {
      const answers = await Promise.all(replicas.flatMap((budget) => Array.from({ length: 50 }, () => budget.take('key:shared'))));
      allowed += answers.filter((a) => a.allowed).length;
    }
    expect(allowed).toBe(2000);
    // The counter may pass the limit only by refused asks (at most one point per replica near the end).
    const counter = await row('key:shared');
    expect(counter.points).toBeGreaterThanOrEqual(2000);
    expect(counter.points).toBeLessThanOrEqual(2003);
    expect((await replicas[0].take('key:shared')).allowed).toBe(false);
  });

  it('a new window starts over the same row once the old one has ended', async () => {
    let now = Date.now();
    const budget = replica(5, () => now);
    for (let i = 0; i < 5; i++) expect((await budget.take('key:window')).allowed).toBe(true);
    expect((await budget.take('key:window')).allowed).toBe(false);
    now += 60_000;
    const fresh = await budget.take('key:window');
    expect(fresh).toMatchObject({ allowed: true, remaining: 4, resetAt: now + 60_000 });
    expect(await row('key:window')).toEqual({ points: 1, expire: String(now + 60_000) });
  });
});
