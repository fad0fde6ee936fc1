import type { Pool } from 'pg';
import type { PointStore, Reservation } from './batched-budget';

/** The column is a 4-byte integer; the counter may run past the limit by one batch. */
const MAX_LIMIT = 2_000_000_000;

/**
 * Reservations in the rate_limit_counters table (the layout rate-limiter-flexible uses for the
 * failed-auth limiter beside it: key, points used, window end in epoch ms). One statement: the row
 * lock of the upsert orders concurrent reservations of one key across every replica.
 */
export class PostgresPointStore implements PointStore {
  constructor(
    private readonly pool: Pool,
    private readonly table: string,
  ) {}

  async reserve(key: string, want: number, limit: number, windowMs: number, now: number): Promise<Reservation> {
    const cap = Math.min(limit, MAX_LIMIT);
    const asked = Math.min(want, cap);
    // A running window adds `asked` to what was used (capped, so a refused key cannot grow it
    // further); an ended one starts again at `asked`. What was used before is points - asked.
    const { rows } = await this.pool.query<{ points: number; expire: string }>(
      `INSERT INTO ${this.table} AS c (key, points, expire) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET
         points = CASE WHEN c.expire IS NULL OR c.expire <= $4 THEN EXCLUDED.points ELSE LEAST(c.points + EXCLUDED.points, $5 + EXCLUDED.points) END,
         expire = CASE WHEN c.expire IS NULL OR c.expire <= $4 THEN EXCLUDED.expire ELSE c.expire END
       RETURNING points, expire`,
      [key, asked, now + windowMs, now, cap],
    );
    const used = rows[0].points;
    const before = used - asked;
    return {
      granted: Math.max(0, Math.min(asked, cap - before)),
      remaining: Math.max(0, cap - used),
      resetAt: Number(rows[0].expire),
    };
  }
}
