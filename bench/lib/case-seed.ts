import { Client } from 'pg';
import { DEVICES, LANGUAGE_SLOTS, VOCABULARY } from '../data/case-vocabulary';
import { mapLimit } from './concurrency';
import { pick, seededRandom } from './random';

/** Distinct titles/descriptions generated in JS; each case combines a title and a description of the same language. */
const POOL = 40_000;
export const AGENTS = 200;
export const REPORTERS = 50_000;
/** Reporter n's Discord id: 18 digits, like a snowflake. */
export const reporterId = (n: number) => String(100_000_000_000_000_000n + BigInt(n) * 7919n);
export const agentName = (n: number) => `agent-${String(n).padStart(3, '0')}`;
/** Sessions inserting and indexing side by side (the machine has 2 cores; Postgres runs one statement per core). */
const SESSIONS = 2;

function fill(template: string, random: () => number, thing: string): string {
  // {code} is left in: the insert puts one error code per case there, so each code stays rare.
  return template
    .replace('{thing}', thing)
    .replace('{device}', pick(random, DEVICES))
    .replace('{version}', `v${1 + Math.floor(random() * 3)}.${Math.floor(random() * 10)}.${Math.floor(random() * 10)}`);
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
 * Cases first..last of `count` in one INSERT … SELECT over generate_series: types, statuses (the
 * newest 5 % mostly open, older ones mostly closed), priorities, ~70 % assigned over AGENTS agents,
 * reporters skewed over REPORTERS people, one case every ~30 s back in time, numbered in creation
 * order (given explicitly, so sessions inserting side by side keep that order).
 */
function insertSql(base: number, count: number, first: number, last: number): string {
  const slots = LANGUAGE_SLOTS.length;
  return `
    INSERT INTO "Case" ("id", "number", "type", "status", "priority", "title", "description", "reporterId", "reporterName",
                        "guildId", "channelId", "assignee", "createdAt", "updatedAt", "closedAt")
    SELECT gen_random_uuid(), ${base} + r.g, r.type::"CaseType", r.status::"CaseStatus", r.priority::"CasePriority",
           t.title, replace(d.description, '{code}', 'E' || r.code), r.reporter_id, 'player' || r.reporter,
           '900000000000000001', CASE r.type WHEN 'BUG' THEN '900000000000000002' WHEN 'FEATURE' THEN '900000000000000003' END,
           r.assignee, r.created_at, LEAST(now(), r.created_at + r.age_at_update),
           CASE WHEN r.status = 'CLOSED' THEN LEAST(now(), r.created_at + r.age_at_update) END
    FROM (
      SELECT g,
        ${h(1)} % ${POOL} AS title_i,
        ${h(2)} % ${POOL / slots} AS description_row,
        10000 + ${h(11)} % 20000 AS code,
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
        floor(${REPORTERS} * power((${h(8)} % 1000000) / 1000000.0, 2))::bigint AS reporter,
        (100000000000000000 + floor(${REPORTERS} * power((${h(8)} % 1000000) / 1000000.0, 2))::bigint * 7919)::text AS reporter_id,
        now() - (((${count} - g) * 30 + ${h(9)} % 30) * interval '1 second') AS created_at,
        (${h(10)} % 604800) * interval '1 second' AS age_at_update
      FROM generate_series(${first}::bigint, ${last}::bigint) AS g
    ) r
    JOIN bench_titles t ON t.i = r.title_i
    JOIN bench_descriptions d ON d.i = r.description_row * ${slots} + r.title_i % ${slots}
    ORDER BY r.g`;
}

export interface CaseSeedResult {
  rows: number;
  seconds: number;
  tableMb: number;
  /** Seconds per phase: insert, index rebuild, vacuum. */
  phases: Record<string, number>;
}

async function connect(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET max_parallel_maintenance_workers = 0; SET work_mem = '256MB'`);
  return client;
}

/**
 * Seeds `count` cases straight into the service's database, after any cases already there.
 * Secondary indexes are dropped and rebuilt around the bulk insert (exactly as defined, read back
 * from pg_indexes) because building them once is much faster than maintaining them row by row;
 * inserts and index builds run on SESSIONS connections side by side; then VACUUM ANALYZE, as
 * autovacuum would have left a table of that age.
 */
export async function seedCases(databaseUrl: string, count: number, log: (line: string) => void = () => undefined): Promise<CaseSeedResult> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  const mark = (name: string, since: number) => (phases[name] = (Date.now() - since) / 1000);
  const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => connect(databaseUrl)));
  const [main] = sessions;
  try {
    const { titles, descriptions } = phrasePool();
    const ids = titles.map((_, i) => i);
    await main.query(`DROP TABLE IF EXISTS bench_titles, bench_descriptions`);
    await main.query(`CREATE UNLOGGED TABLE bench_titles (i int PRIMARY KEY, title text NOT NULL)`);
    await main.query(`CREATE UNLOGGED TABLE bench_descriptions (i int PRIMARY KEY, description text NOT NULL)`);
    await main.query(`INSERT INTO bench_titles SELECT * FROM unnest($1::int[], $2::text[])`, [ids, titles]);
    await main.query(`INSERT INTO bench_descriptions SELECT * FROM unnest($1::int[], $2::text[])`, [ids, descriptions]);
    const base = Number((await main.query<{ n: string }>(`SELECT coalesce(max("number"), 0) AS n FROM "Case"`)).rows[0].n);

    const indexes = await main.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND i.tablename = 'Case'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
    );
    for (const index of indexes.rows) await main.query(`DROP INDEX "${index.indexname}"`);

    let phase = Date.now();
    const slice = Math.ceil(count / SESSIONS);
    await Promise.all(
      sessions.map((session, i) => {
        const first = i * slice + 1;
        const last = Math.min(count, (i + 1) * slice);
        return first <= last ? session.query(insertSql(base, count, first, last)) : Promise.resolve();
      }),
    );
    mark('insert', phase);
    log(`inserted ${count} cases in ${phases.insert.toFixed(1)} s; rebuilding ${indexes.rowCount} indexes`);

    phase = Date.now();
    // The GIN index takes longest: it starts first, the b-trees share the other session.
    const ordered = [...indexes.rows].sort((a, b) => Number(/USING gin/i.test(b.indexdef)) - Number(/USING gin/i.test(a.indexdef)));
    const queue = [...ordered];
    await mapLimit(sessions, SESSIONS, async (session) => {
      for (let index = queue.shift(); index; index = queue.shift()) await session.query(index.indexdef);
    });
    mark('indexes', phase);

    phase = Date.now();
    await main.query(`SELECT setval(pg_get_serial_sequence('"Case"', 'number'), (SELECT max("number") FROM "Case"))`);
    await main.query(`DROP TABLE bench_titles, bench_descriptions`);
    await main.query(`VACUUM (ANALYZE) "Case"`);
    mark('vacuum', phase);
    const size = await main.query<{ bytes: string }>(`SELECT pg_total_relation_size('"Case"') AS bytes`);
    return { rows: count, seconds: (Date.now() - started) / 1000, tableMb: Number(size.rows[0].bytes) / 1024 / 1024, phases };
  } finally {
    await Promise.all(sessions.map((session) => session.end()));
  }
}
