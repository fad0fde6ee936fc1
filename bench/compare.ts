import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/**
 * Before/after, side by side in one run: the ingest (A, B), case API (D) and one-key (H) rows on two or more
 * checkouts of this repository, alternately (A B A B …) with the same settings, so the shared
 * machine's load falls on every side alike. Each checkout runs its own bench code against its own
 * build; this script only starts them and prints one table.
 *
 *   node -r ./bench/lib/swc-register.js bench/compare.ts [label=]DIR [label=]DIR … 
 *
 * Knobs: BENCH_ROUNDS (default 2), BENCH_SCENARIOS (default "ingest,cases,hotkey"), BENCH_SKIP_BUILD=1,
 * and the scenarios' own BENCH_CASES, BENCH_DURATION, BENCH_RATE, BENCH_CONNECTIONS.
 */

interface Side {
  label: string;
  dir: string;
}

/** One measured line: scenario, row name, formatted figure. */
type Figures = Record<string, string>;

const MARK = '@@compare ';

// Runs inside a checkout (cwd), with its own swc hook: the exports every checkout's bench has had.
const RUNNER = `
const dir = process.cwd();
const env = process.env;
const log = (line) => process.stderr.write('  ' + line + '\\n');
const fmt = (n, d) => (n === null || n === undefined ? '-' : Number(n).toFixed(d));
const figures = {};
function loads(report) {
  for (const row of report.loads ?? []) {
    const r = row.result;
    const bad = r.non2xx + r.errors > 0 ? ', ' + (r.non2xx + r.errors) + ' not 2xx' : '';
    figures[report.id + ' ' + row.name] = fmt(r.rps, 0) + ' req/s, p50 ' + fmt(r.p50, 2) + ' / p99 ' + fmt(r.p99, 1) + ' ms' + bad;
  }
  for (const extra of report.extraTables ?? []) {
    for (const cells of extra.table.rows) {
      const parts = extra.table.columns.slice(1).map((c, i) => [c, cells[i + 1]]).filter(([c, v]) => v && c !== 'target' && c !== 'result');
      figures[report.id + ' ' + cells[0]] = parts.map(([c, v]) => c + ' ' + v).join(', ');
    }
  }
}
(async () => {
  const wanted = (env.BENCH_SCENARIOS ?? 'ingest,cases,hotkey').split(',');
  if (wanted.includes('ingest')) {
    const ingest = require(dir + '/bench/ingest.ts');
    for (const report of await ingest.runIngestScenarios({ ...ingest.INGEST_DEFAULTS, log })) loads(report);
  }
  const num = (name, fallback) => Number(env[name] ?? fallback);
  if (wanted.includes('cases')) {
    const cases = require(dir + '/bench/cases-api.ts');
    const d = cases.CASES_DEFAULTS;
    loads(await cases.runCasesScenario({ ...d, cases: num('BENCH_CASES', d.cases), durationSec: num('BENCH_DURATION', d.durationSec), rate: num('BENCH_RATE', d.rate), connections: num('BENCH_CONNECTIONS', d.connections), profile: false, log }));
  }
  if (wanted.includes('hotkey')) {
    // One key, one cheap list, as fast as 8 connections go: what the per-key limiter costs, and
    // Postgres transactions per request (pg_stat_database), which no load on the machine skews.
    const { startService } = require(dir + '/bench/lib/service.ts');
    const { runLoad } = require(dir + '/bench/lib/load.ts');
    const { Client } = require(dir + '/node_modules/pg');
    const service = await startService({});
    const db = new Client({ connectionString: service.databaseUrl });
    try {
      await db.connect();
      const xacts = async () => Number((await db.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()')).rows[0].n);
      const headers = { authorization: service.authorization };
      const before = await xacts();
      const r = await runLoad({ url: service.url, headers, requests: [{ path: '/api/cases?limit=20' }], connections: 8, durationSec: num('BENCH_DURATION', 5), warmupSec: 0, pid: service.pid });
      await new Promise((ok) => setTimeout(ok, 1000));
      figures['H one key, GET /api/cases (saturation, 8 conn)'] = fmt(r.rps, 0) + ' req/s, p50 ' + fmt(r.p50, 2) + ' / p99 ' + fmt(r.p99, 1) + ' ms';
      figures['H Postgres transactions per request'] = fmt((await xacts() - before) / r.requests, 2);
    } finally {
      await db.end().catch(() => undefined);
      await service.stop();
    }
  }
  process.stdout.write('\\n${MARK}' + JSON.stringify(figures) + '\\n');
})().catch((error) => { process.stderr.write(String(error && error.stack || error) + '\\n'); process.exit(1); });
`;

function parseSides(args: string[]): Side[] {
  return args.map((arg) => {
    const [label, dir] = arg.includes('=') ? arg.split(/=(.*)/s) : [basename(resolve(arg)), arg];
    const full = resolve(dir);
    if (!existsSync(resolve(full, 'bench', 'ingest.ts'))) throw new Error(`${full} is not a checkout with bench/ingest.ts`);
    return { label, dir: full };
  });
}

function build(side: Side): void {
  process.stderr.write(`building ${side.label}\n`);
  const result = spawnSync('npm', ['run', 'build'], { cwd: side.dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm run build failed in ${side.dir}`);
}

function measure(side: Side): Promise<Figures> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', resolve(side.dir, 'bench', 'lib', 'swc-register.js'), '-e', RUNNER], { cwd: side.dir, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code !== 0 || !line) fail(new Error(`${side.label} exited with ${code}`));
      else done(JSON.parse(line.slice(MARK.length)) as Figures);
    });
  });
}

function table(sides: Side[], runs: Map<string, Figures[]>): string {
  const names: string[] = [];
  for (const figures of [...runs.values()].flat()) for (const name of Object.keys(figures)) if (!names.includes(name)) names.push(name);
  const head = `| row | ${sides.map((s) => s.label).join(' | ')} |\n| --- |${sides.map(() => ' --- |').join('')}`;
  const lines = names.map((name) => `| ${name} | ${sides.map((s) => runs.get(s.label)!.map((f) => f[name] ?? '-').join('<br>')).join(' | ')} |`);
  return [head, ...lines].join('\n');
}

async function main(): Promise<void> {
  const sides = parseSides(process.argv.slice(2));
  if (sides.length < 2) throw new Error('usage: compare.ts [label=]DIR [label=]DIR …');
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  if (!process.env.BENCH_SKIP_BUILD) sides.forEach(build);
  const runs = new Map(sides.map((s) => [s.label, [] as Figures[]]));
  for (let round = 1; round <= rounds; round++) {
    for (const side of sides) {
      process.stderr.write(`round ${round}/${rounds}: ${side.label}\n`);
      runs.get(side.label)!.push(await measure(side));
    }
  }
  const settings = ['BENCH_CASES', 'BENCH_DURATION', 'BENCH_RATE', 'BENCH_CONNECTIONS', 'BENCH_SCENARIOS'].filter((k) => process.env[k]).map((k) => `${k}=${process.env[k]}`);
  process.stdout.write(`\n${rounds} rounds, alternately (${sides.map((s) => s.label).join(', ')}), ${settings.join(' ') || 'default settings'}; one line per round in each cell\n\n`);
  process.stdout.write(`${table(sides, runs)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
