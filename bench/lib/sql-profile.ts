import { Client } from 'pg';
import { percentile } from './stats';

export interface SqlStatement {
  text: string;
  values: unknown[];
}

export interface SqlProfile {
  p50: number;
  p99: number;
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest statement seen. */
  slowestPlan: string;
  slowestMs: number;
}

/**
 * Runs the statements the service would run, one at a time on one warm connection (a first pass
 * is not timed), to tell the database's share of a latency from the HTTP/Nest/Prisma share; keeps
 * the plan of the slowest.
 */
export async function profileSql(databaseUrl: string, statements: readonly SqlStatement[]): Promise<SqlProfile> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A first pass loads catalog caches and pages as the service's long-lived connections have them.
    for (const statement of statements) await client.query(statement.text, statement.values);
    const timings: { ms: number; statement: SqlStatement }[] = [];
    for (const statement of statements) {
      const started = process.hrtime.bigint();
      await client.query(statement.text, statement.values);
      timings.push({ ms: Number(process.hrtime.bigint() - started) / 1e6, statement });
    }
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    const slowest = timings.reduce((a, b) => (b.ms > a.ms ? b : a));
    const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.statement.text}`, slowest.statement.values);
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      slowestMs: slowest.ms,
      slowestPlan: plan.rows.map((row) => row['QUERY PLAN']).join('\n'),
    };
  } finally {
    await client.end();
  }
}
