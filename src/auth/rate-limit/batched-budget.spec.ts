import { BatchedBudget, PointStore, Reservation } from './batched-budget';

/** The shared store's contract in memory: atomic grants, never beyond the window's limit. */
class MemoryStore implements PointStore {
  readonly asked: number[] = [];
  private readonly rows = new Map<string, { used: number; resetAt: number }>();

  async reserve(key: string, want: number, limit: number, windowMs: number, now: number): Promise<Reservation> {
    await Promise.resolve(); // a round trip: callers interleave as they would with Postgres
    this.asked.push(want);
    let row = this.rows.get(key);
    if (!row || row.resetAt <= now) this.rows.set(key, (row = { used: 0, resetAt: now + windowMs }));
    const granted = Math.max(0, Math.min(want, limit - row.used));
    row.used += granted;
    return { granted, remaining: limit - row.used, resetAt: row.resetAt };
  }
}

const WINDOW = 60_000;

function setup(limit: number, replicas = 1) {
  const clock = { now: 1_000_000 };
  const store = new MemoryStore();
  const budgets = Array.from({ length: replicas }, () => new BatchedBudget(store, { limit, windowMs: WINDOW, maxBatch: 100, shareDivisor: 16, now: () => clock.now }));
  return { clock, store, budgets, budget: budgets[0] };
}

describe('BatchedBudget', () => {
  it('reserves in batches while plenty is left and spends them from memory', async () => {
    const { store, budget } = setup(100_000);
    for (let i = 0; i < 250; i++) expect((await budget.take('k')).allowed).toBe(true);
    expect(store.asked).toEqual([100, 100, 100]);
  });

  it('shrinks the batch to one point near the limit, and refuses from memory once all are used', async () => {
    const { store, budget } = setup(40);
    const answers = [];
    for (let i = 0; i < 45; i++) answers.push(await budget.take('k'));
    expect(answers.filter((a) => a.allowed)).toHaveLength(40);
    expect(answers.slice(40).every((a) => !a.allowed && a.remaining === 0)).toBe(true);
    // 2 points while 32 or more are left (1/16), then 1 at a time; the grant of the last point says
    // none is left, so the refusals cost no round trip.
    expect(store.asked).toEqual([2, 2, 2, 2, 2, ...Array<number>(30).fill(1)]);
  });

  it('reports remaining and reset honestly: the shared rest plus what this process holds', async () => {
    const { clock, budget } = setup(3200);
    const first = await budget.take('k');
    expect(first).toEqual({ allowed: true, remaining: 3199, resetAt: clock.now + WINDOW });
    clock.now += 10_000;
    const second = await budget.take('k');
    expect(second.remaining).toBe(3198);
    expect(second.resetAt).toBe(first.resetAt);
  });

  it('never lets several replicas together exceed the limit, and lets them use all of it', async () => {
    const { budgets } = setup(1000, 3);
    const allowed = [0, 0, 0];
    // 3 replicas × 40 concurrent requests per round until every replica is refused.
    for (let round = 0; round < 30; round++) {
      const answers = await Promise.all(budgets.flatMap((b, r) => Array.from({ length: 40 }, () => b.take('k').then((a) => ({ r, a })))));
      for (const { r, a } of answers) if (a.allowed) allowed[r] += 1;
    }
    expect(allowed.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.min(...allowed)).toBeGreaterThan(0);
    const after = await Promise.all(budgets.map((b) => b.take('k')));
    expect(after.every((a) => !a.allowed)).toBe(true);
  });

  it('holds one reservation in flight per key: concurrent requests wait for it', async () => {
    const { store, budget } = setup(100_000);
    const answers = await Promise.all(Array.from({ length: 60 }, () => budget.take('k')));
    expect(answers.every((a) => a.allowed)).toBe(true);
    expect(store.asked).toEqual([100]);
    // Two keys are two budgets.
    await budget.take('other');
    expect(store.asked).toEqual([100, 100]);
  });

  it('starts again when the window ends: unspent points are dropped, a refused key is let in again', async () => {
    const { clock, store, budget } = setup(32);
    for (let i = 0; i < 32; i++) await budget.take('k');
    expect((await budget.take('k')).allowed).toBe(false);
    const calls = store.asked.length;
    clock.now += WINDOW - 1;
    expect((await budget.take('k')).allowed).toBe(false);
    expect(store.asked).toHaveLength(calls);
    clock.now += 1;
    const fresh = await budget.take('k');
    expect(fresh).toEqual({ allowed: true, remaining: 31, resetAt: clock.now + WINDOW });
  });

  it('a replica holding unspent points makes the limit stricter for the others, never looser', async () => {
    const { budgets } = setup(320, 2);
    const [a, b] = budgets;
    await a.take('k'); // reserves 20 (320/16), spends 1
    let allowedForB = 0;
    for (let i = 0; i < 400; i++) if ((await b.take('k')).allowed) allowedForB += 1;
    expect(allowedForB).toBe(300);
    let allowedForA = 0;
    for (let i = 0; i < 50; i++) if ((await a.take('k')).allowed) allowedForA += 1;
    expect(allowedForA).toBe(19);
  });
});
