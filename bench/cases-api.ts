import { buildCaseListSql } from '../src/cases/case-list.query';
import type { ListCasesQuery } from '../src/cases/cases.dto';
import { CASE_SEARCHES } from './data/case-vocabulary';
import { mapLimit } from './lib/concurrency';
import { agentName, AGENTS, reporterId, REPORTERS, seedCases } from './lib/case-seed';
import { runLoad } from './lib/load';
import { runPaced } from './lib/paced';
import { pick, seededRandom } from './lib/random';
import { LoadRow, loadTable, printReport, ScenarioReport, fmt } from './lib/report';
import { RunningService, startService } from './lib/service';
import { profileSql, SqlStatement } from './lib/sql-profile';

export const TITLE = 'Case API at 1,000,000 cases';
export const TARGETS = ['filtered list p99 ≤ 10 ms', 'q= search p99 ≤ 50 ms'];
const LIST_P99_MS = 10;
const SEARCH_P99_MS = 50;

export interface CasesScenarioOptions {
  cases: number;
  durationSec: number;
  warmupSec: number;
  /** Requests per second of the judged (open-loop) rows. */
  rate: number;
  /** Connections of the closed-loop saturation row (all kinds mixed, as fast as possible). */
  connections: number;
  entry?: 'dist' | 'source';
  /** Run the service on this database instead of a fresh embedded Postgres. */
  databaseUrl?: string;
  /** Also time each query's SQL alone and keep the plan of the slowest. */
  profile?: boolean;
  /** Measure this running service instead of starting (and stopping) one. */
  service?: RunningService;
  log?: (line: string) => void;
}

/**
 * 200 requests/s is far above what a support team's dashboards send, but a rate the service should
 * hold with room to spare; the saturation row shows where it stops.
 */
export const CASES_DEFAULTS: CasesScenarioOptions = { cases: 1_000_000, durationSec: 10, warmupSec: 2, rate: 200, connections: 8, profile: true };

type Query = Record<string, string>;

interface QueryKind {
  name: string;
  target: number;
  queries: Query[];
}

const TYPES = ['BUG', 'FEATURE', 'HELP'];
const OPEN_STATUSES = ['OPEN', 'IN_PROGRESS', 'WAITING'];

const toPath = (query: Query) => `/api/cases?${new URLSearchParams(query).toString()}`;

function toListQuery(query: Query): ListCasesQuery {
  const { limit, ...rest } = query;
  return { ...rest, limit: Number(limit) } as unknown as ListCasesQuery;
}

async function firstPageCursor(service: RunningService, query: Query): Promise<string | null> {
  const response = await fetch(`${service.url}${toPath(query)}`, { headers: { authorization: service.authorization } });
  if (!response.ok) throw new Error(`GET ${toPath(query)} answered ${response.status}: ${await response.text()}`);
  const page = (await response.json()) as { nextCursor: string | null };
  return page.nextCursor;
}

/** The request mixes: what a support lead's dashboard asks for. */
async function queryKinds(service: RunningService, random: () => number): Promise<QueryKind[]> {
  const statusType = Array.from({ length: 200 }, () => ({ status: pick(random, OPEN_STATUSES), type: pick(random, TYPES), limit: '20' }));
  const assignee = Array.from({ length: 200 }, (_, i) => ({ assignee: agentName((i % AGENTS) + 1), limit: '20' }));
  // Reporters are skewed the way the seed is: many with one or two cases, a few with hundreds.
  const reporter = Array.from({ length: 500 }, () => ({ reporter: reporterId(Math.floor(REPORTERS * random() ** 2)), limit: '20' }));
  const firsts = [...statusType.slice(0, 60), ...assignee.slice(0, 60), ...reporter.slice(0, 80)];
  const cursors = await mapLimit(firsts, 8, (first) => firstPageCursor(service, first));
  const secondPages: Query[] = firsts.flatMap((first, i) => (cursors[i] ? [{ ...first, cursor: cursors[i]! }] : []));
  const search = CASE_SEARCHES.map((q) => ({ q, limit: '20' }));
  return [
    { name: 'newest, no filter', target: LIST_P99_MS, queries: [{ limit: '20' }] },
    { name: 'status + type', target: LIST_P99_MS, queries: statusType },
    { name: 'assignee', target: LIST_P99_MS, queries: assignee },
    { name: 'reporter', target: LIST_P99_MS, queries: reporter },
    { name: 'cursor page 2 (mixed filters)', target: LIST_P99_MS, queries: secondPages },
    { name: 'q= search (34 words, 5 languages)', target: SEARCH_P99_MS, queries: search },
  ];
}

export async function runCasesScenario(options: CasesScenarioOptions = CASES_DEFAULTS): Promise<ScenarioReport> {
  const log = options.log ?? (() => undefined);
  const service = options.service ?? (await startService({ entry: options.entry, databaseUrl: options.databaseUrl }));
  const notes: string[] = [];
  try {
    log(`D: seeding ${options.cases} cases`);
    const seed = await seedCases(service.databaseUrl, options.cases, log);
    const phases = Object.entries(seed.phases).map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', ');
    notes.push(`seeded ${seed.rows.toLocaleString('en')} cases in ${seed.seconds.toFixed(1)} s (INSERT … SELECT generate_series on 2 sessions, indexes dropped and rebuilt, VACUUM ANALYZE: ${phases}); table + indexes ${seed.tableMb.toFixed(0)} MB`);
    const random = seededRandom(1);
    const kinds = await queryKinds(service, random);
    const rows: LoadRow[] = [];
    const headers = { authorization: service.authorization };
    for (const kind of kinds) {
      log(`D: ${kind.name}`);
      const result = await runPaced({
        url: service.url,
        headers,
        requests: kind.queries.map((query) => ({ path: toPath(query) })),
        rate: options.rate,
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        pid: service.pid,
      });
      rows.push({ name: kind.name, connections: 0, rate: options.rate, result, target: { p99Ms: kind.target } });
      if (options.profile) {
        const statements: SqlStatement[] = kind.queries.map((query) => {
          const sql = buildCaseListSql(toListQuery(query), Number(query.limit) + 1);
          return { text: sql.text, values: sql.values };
        });
        const profile = await profileSql(service.databaseUrl, statements);
        notes.push(`${kind.name}: SQL alone (1 connection, each of ${statements.length} queries once) p50 ${fmt(profile.p50, 2)} ms, p99 ${fmt(profile.p99, 2)} ms, slowest ${fmt(profile.slowestMs, 2)} ms`);
        if (profile.slowestMs > kind.target / 2) notes.push(`plan of the slowest ${kind.name} query:\n${profile.slowestPlan}`);
      }
    }
    log('D: saturation, all kinds mixed');
    const mixed = kinds.flatMap((kind) => kind.queries.slice(0, 100).map((query) => ({ path: toPath(query) })));
    const saturation = await runLoad({ url: service.url, headers, requests: mixed, connections: options.connections, durationSec: options.durationSec, warmupSec: options.warmupSec, pid: service.pid });
    rows.push({ name: 'all kinds mixed (saturation)', connections: options.connections, result: saturation });
    const { table, verdicts } = loadTable(rows);
    return { id: 'D', title: TITLE, targets: TARGETS, table, loads: rows, verdicts, notes };
  } finally {
    if (!options.service) await service.stop();
  }
}

if (require.main === module) {
  const options: CasesScenarioOptions = {
    ...CASES_DEFAULTS,
    cases: Number(process.env.BENCH_CASES ?? CASES_DEFAULTS.cases),
    durationSec: Number(process.env.BENCH_DURATION ?? CASES_DEFAULTS.durationSec),
    connections: Number(process.env.BENCH_CONNECTIONS ?? CASES_DEFAULTS.connections),
    rate: Number(process.env.BENCH_RATE ?? CASES_DEFAULTS.rate),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  runCasesScenario(options)
    .then((report) => printReport(report))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
