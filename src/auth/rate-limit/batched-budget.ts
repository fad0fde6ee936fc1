/**
 * A shared per-key budget spent from memory: each process reserves points from the shared store
 * (Postgres) in batches and hands them out locally, so a busy key costs one store round trip per
 * batch instead of one row lock per request. The store grants atomically and never more than the
 * window has left, so the limit holds across any number of replicas; points a process reserved but
 * did not spend only make the limit slightly stricter for the others until the window ends.
 */

/** What the shared store answers to a reservation. */
export interface Reservation {
  /** Points granted to this process (0 when the window is used up). */
  granted: number;
  /** Points nobody has reserved yet in this window, after this reservation. */
  remaining: number;
  /** When the window ends, epoch ms. */
  resetAt: number;
}

export interface PointStore {
  /** Takes up to `want` of `key`'s points in its current fixed window (a new window starts at `now`). */
  reserve(key: string, want: number, limit: number, windowMs: number, now: number): Promise<Reservation>;
}

export interface Spent {
  allowed: boolean;
  /** An honest upper bound: points left in the window as of this process's last reservation. */
  remaining: number;
  resetAt: number;
}

export interface BudgetOptions {
  limit: number;
  windowMs: number;
  /** The largest batch one process reserves. */
  maxBatch: number;
  /** A batch is at most this fraction of what is left, so near the limit batches shrink to 1. */
  shareDivisor: number;
  now: () => number;
}

interface Pool {
  /** Reserved by this process and not yet spent. */
  local: number;
  /** Left in the shared store at the last reservation. */
  shared: number;
  resetAt: number;
  /** The one reservation in flight for this key: concurrent requests wait for it instead of piling up. */
  refill?: Promise<void>;
}

/** Pools of ended windows are dropped once there are this many keys. */
const PRUNE_AT = 10_000;

export class BatchedBudget {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly store: PointStore,
    private readonly options: BudgetOptions,
  ) {}

  get limit(): number {
    return this.options.limit;
  }

  /** Spends one point of `key`: from memory when this process holds some, else after a reservation. */
  async take(key: string): Promise<Spent> {
    for (;;) {
      const pool = this.pool(key);
      if (pool.local > 0) {
        pool.local -= 1;
        return { allowed: true, remaining: pool.shared + pool.local, resetAt: pool.resetAt };
      }
      // Used up everywhere: refused from memory until the window ends, without asking the store.
      if (pool.shared === 0 && pool.resetAt > 0) return { allowed: false, remaining: 0, resetAt: pool.resetAt };
      pool.refill ??= this.reserve(key, pool).finally(() => (pool.refill = undefined));
      await pool.refill;
    }
  }

  /** Adaptive: a sizeable batch while plenty is left, a single point near the limit. */
  batchSize(shared: number): number {
    return Math.max(1, Math.min(this.options.maxBatch, Math.floor(shared / this.options.shareDivisor)));
  }

  private async reserve(key: string, pool: Pool): Promise<void> {
    const { limit, windowMs, now } = this.options;
    const answer = await this.store.reserve(key, this.batchSize(pool.shared), limit, windowMs, now());
    // The window may have ended while the reservation was in flight: keep what belongs to the new one.
    const current = this.pool(key);
    if (answer.resetAt !== current.resetAt) {
      current.local = 0;
      current.resetAt = answer.resetAt;
    }
    current.local += answer.granted;
    // Nothing granted means nothing left, whatever else the answer says: never ask again this window.
    current.shared = answer.granted === 0 ? 0 : answer.remaining;
  }

  private pool(key: string): Pool {
    const now = this.options.now();
    let pool = this.pools.get(key);
    if (pool && pool.resetAt > 0 && pool.resetAt <= now) {
      // A new window: what was reserved in the old one is gone, the whole limit is available again.
      pool.local = 0;
      pool.shared = this.options.limit;
      pool.resetAt = 0;
    }
    if (!pool) {
      if (this.pools.size >= PRUNE_AT) this.prune(now);
      pool = { local: 0, shared: this.options.limit, resetAt: 0 };
      this.pools.set(key, pool);
    }
    return pool;
  }

  private prune(now: number): void {
    for (const [key, pool] of this.pools) if (!pool.refill && pool.resetAt <= now) this.pools.delete(key);
  }
}
