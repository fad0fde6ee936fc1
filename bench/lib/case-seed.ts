import { Client } from 'pg';
import { DEVICES, LANGUAGE_SLOTS, VOCABULARY } from '../data/case-vocabulary';
import { pick, seededRandom } from './random';

/** Distinct titles/descriptions generated in JS; each case combines a title and a description of the same language. */
const POOL = 40_000;
export const AGENTS = 200;
export const REPORTERS = 50_000;
/** Reporter n's Discord id: 18 digits, like a snowflake. */
export const reporterId = (n: number) => String(100_000_000_000_000_000n + BigInt(n) * 7919n);
export const agentName = (n: number) => `agent-${String(n).padStart(3, '0')}`;

function fill(template: string, random: () => number, thing: string): string {
  return template
    .replace('{thing}', thing)
    .replace('{device}', pick(random, DEVICES))
    .replace('{version}', `v${1 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}.${Math.floor(random() * 10)}`)
    .replace('{code}', `E${10_000 + Math.floor(random() * 20_000)}`);
}

function phrasePool(): { titles: string[]; descriptions: string[] } {
  const random = seededRandom(7);
  const titles: string[] = [];
  const descriptions: string[] = [];
  for (let i = 0; i < POOL; i++) {
    const words = VOCABULARY[LANGUAGE_SLOTS[i % LANGUAGE_SLOTS.length]];
    const thing = pick(random, words.things);
    titles.push(`${thing[0].toUpperCase()}${thing.slice(1)} ${pick(random, words.problems)}`);
    const sentences = 2 + Math.floor(random() * 2);
    const text: string[] = [];
    for (let s = 0; s < sentences; s++) text.push(fill(pick(random, words.sentences), random, s === 0 ? thing : pick(random, words.things)));
    descriptions.push(text.join(' '));
  }
  return { titles, descriptions };
}

/** A deterministic non-negative pseudo-random bigint per row and stream k (Postgres' seeded hash). */
const h = (k: number) => `(hashint8extended(g, ${k}) & 9223372036854775807)`;

/**
 * The whole seed in one INSERT … SELECT over generate_series: types, statuses (older cases mostly
 * closed), priorities, ~70 % assigned over AGENTS agents, reporters skewed over REPORTERS people,
 * one case every ~30 s going back in time, the newest last.
 */
function insertSql(count: number): string {
  const slots = LANGUAGE_SLOTS.length;
  return `
    INSERT INTO "Case" ("id", "type", "status", "priority", "title", "description", "reporterId", "reporterName",
                        "guildId", "channelId", "assignee", "createdAt", "updatedAt", "closedAt")
    SELECT gen_random_uuid(), r.type::"CaseType", r.status::"CaseStatus", r.priority::"CasePriority",
           t.title, d.description, r.reporter_id, r.reporter_name, '900000000000000001',
           CASE r.type WHEN 'BUG' THEN '900000000000000002' WHEN 'FEATURE' THEN '900000000000000003' END,
           r.assignee, r.created_at, r.updated_at, CASE WHEN r.status = 'CLOSED' THEN r.updated_at END
    FROM (
      SELECT g,
        ${h(1)} % ${POOL} AS title_i,
        CASE WHEN ${h(4)} % 100 < 55 THEN 'BUG' WHEN ${h(4)} % 100 < 80 THEN 'FEATURE' ELSE 'HELP' END AS type,
        CASE WHEN g > ${Math.floor(count * 0.95)} THEN
               CASE WHEN ${h(3)} % 100 < 50 THEN 'OPEN' WHEN ${h(3)} % 100 < 75 THEN 'IN_PROGRESS' WHEN ${h(3)} % 100 < 85 THEN 'WAITING'
                    WHEN ${h(3)} % 100 < 95 THEN 'RESOLVED' ELSE 'CLOSED' END
             ELSE
               CASE WHEN ${h(3)} % 1000 < 80 THEN 'OPEN' WHEN ${h(3)} % 1000 < 120 THEN 'IN_PROGRESS' WHEN ${h(3)} % 1000 < 150 THEN 'WAITING'
                    WHEN ${h(3)} % 1000 < 400 THEN 'RESOLVED' ELSE 'CLOSED' END
        END AS status,
        CASE WHEN ${h(5)} % 100 < 20 THEN 'LOW' WHEN ${h(5)} % 100 < 80 THEN 'NORMAL' WHEN ${h(5)} % 100 < 95 THEN 'HIGH' ELSE 'URGENT' END AS priority,
        CASE WHEN ${h(6)} % 100 < 30 THEN NULL ELSE 'agent-' || lpad((${h(7)} % ${AGENTS} + 1)::text, 3, '0') END AS assignee,
        (100000000000000000 + floor(${REPORTERS} * power((${h(8)} % 1000000) / 1000000.0, 2))::bigint * 7919)::text AS reporter_id,
        'player' || floor(${REPORTERS} * power((${h(8)} % 1000000) / 1000000.0, 2))::bigint AS reporter_name,
        now() - (((${count} - g) * 30 + ${h(9)} % 30) * interval '1 second') AS created_at,
        LEAST(now(), now() - (((${count} - g) * 30 + ${h(9)} % 30) * interval '1 second') + (${h(10)} % 604800) * interval '1 second') AS updated_at,
        ${h(2)} % ${POOL / slots} AS description_row
      FROM generate_series(1::bigint, ${count}::bigint) AS g
    ) r
    JOIN bench_titles t ON t.i = r.title_i
    JOIN bench_descriptions d ON d.i = r.description_row * ${slots} + r.title_i % ${slots}
    ORDER BY r.g`;
}

export interface CaseSeedResult {
  rows: number;
  seconds: number;
  tableMb: number;
}

/**
 * Seeds `count` cases straight into the service's database. Secondary indexes are dropped and
 * rebuilt around the bulk insert (exactly as defined, read back from pg_indexes) because building
 * them once is much faster than maintaining them row by row; then VACUUM ANALYZE, as autovacuum
 * would have left a table of that age.
 */
export async function seedCases(databaseUrl: string, count: number, log: (line: string) => void = () => undefined): Promise<CaseSeedResult> {
  const started = Date.now();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET max_parallel_maintenance_workers = 2`);
    const { titles, descriptions } = phrasePool();
    await client.query(`CREATE TEMP TABLE bench_titles (i int PRIMARY KEY, title text NOT NULL)`);
    await client.query(`CREATE TEMP TABLE bench_descriptions (i int PRIMARY KEY, description text NOT NULL)`);
    const ids = titles.map((_, i) => i);
    await client.query(`INSERT INTO bench_titles SELECT * FROM unnest($1::int[], $2::text[])`, [ids, titles]);
    await client.query(`INSERT INTO bench_descriptions SELECT * FROM unnest($1::int[], $2::text[])`, [ids, descriptions]);

    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = 'Case'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
    );
    for (const index of indexes.rows) await client.query(`DROP INDEX "${index.indexname}"`);
    await client.query(insertSql(count));
    log(`inserted ${count} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; rebuilding ${indexes.rowCount} indexes`);
    for (const index of indexes.rows) await client.query(index.indexdef);
    await client.query(`VACUUM (ANALYZE) "Case"`);
    const size = await client.query<{ bytes: string }>(`SELECT pg_total_relation_size('"Case"') AS bytes`);
    return { rows: count, seconds: (Date.now() - started) / 1000, tableMb: Number(size.rows[0].bytes) / 1024 / 1024 };
  } finally {
    await client.end();
  }
}
