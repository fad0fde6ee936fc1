import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { DIST_MAIN, ROOT, SOURCE_MAIN, SWC_REGISTER } from './paths';
import { freePort } from '../../test/utils/free-port';
import { rssMb } from './rss';

export interface ServiceOptions {
  /** `dist` runs the compiled build (what we measure); `source` runs src/main.ts compiled on the fly by swc (the smoke test). */
  entry?: 'dist' | 'source';
  /** Use this database instead of an embedded Postgres. */
  databaseUrl?: string;
  /** The embedded Postgres data directory; a fresh temporary one when omitted (removed at stop). */
  dataDir?: string;
  /** Extra environment for the service (e.g. Twilio/Discord settings pointing at the fakes). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] to profile the service. */
  nodeArgs?: string[];
}

export interface RunningService {
  url: string;
  pid: number;
  /** `Authorization` header value of the bootstrap lead key. */
  authorization: string;
  /** Milliseconds from spawn to the first 200 of /health/ready. */
  readyAfterMs: number;
  /** The embedded data directory (undefined with databaseUrl). */
  dataDir?: string;
  /** Connection string of the service's own database, for seeding. */
  databaseUrl: string;
  rssMb(): number | null;
  /**
   * SIGTERM, wait for exit (SIGKILL after 20 s: `forced`), check no Postgres is left behind.
   * Nest re-raises SIGTERM after its shutdown hooks, so a clean stop ends with signal SIGTERM.
   */
  stop(): Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; forced: boolean; stopMs: number }>;
  /** The service's last output lines, for error messages. */
  output(): string;
}

/** Services started and not yet stopped: stopped if the benchmark process itself is interrupted. */
const running = new Set<ChildProcess>();
let exitHooksInstalled = false;

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  // SIGTERM (not SIGKILL) so each service still stops its own Postgres.
  process.once('exit', () => running.forEach((child) => child.kill('SIGTERM')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.forEach((child) => child.kill('SIGTERM'));
      process.exit(130);
    });
  }
}

/** Only what Node and Postgres need: the service must not pick up the caller's DATABASE_URL, Twilio or Discord settings. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

export function httpGetStatus(url: string, timeoutMs = 1000): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postmaster's pid from its lock file, to check it stops with the service. */
function postmasterPid(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Boots the real service as a child process and waits until /health/ready answers 200. */
export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  installExitHooks();
  const entry = options.entry ?? 'dist';
  if (entry === 'dist' && !existsSync(DIST_MAIN)) throw new Error(`${DIST_MAIN} is missing: run npm run build first`);
  const port = await freePort();
  const apiKey = `bench_${randomBytes(30).toString('base64url').slice(0, 34)}`;
  const ownTempDir = !options.databaseUrl && !options.dataDir ? mkdtempSync(join(tmpdir(), 'bridge-bench-')) : undefined;
  const dataDir = options.databaseUrl ? undefined : (options.dataDir ?? join(ownTempDir!, 'pg'));
  const pgPort = dataDir ? await freePort() : undefined;

  const env: Record<string, string> = {
    ...baseEnv(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    BOOTSTRAP_API_KEY: apiKey,
    // One API key drives the whole load; the per-key limit (600/min by default) would turn it into 429s.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { EMBEDDED_PG_DIR: dataDir!, EMBEDDED_PG_PORT: String(pgPort) }),
    ...options.env,
  };
  // BENCH_SERVICE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the service in any scenario.
  const profiling = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const args = [...profiling, ...(options.nodeArgs ?? []), ...(entry === 'dist' ? [DIST_MAIN] : ['-r', SWC_REGISTER, SOURCE_MAIN])];

  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.once('exit', () => running.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let readyAfterMs: number | undefined;
  while (readyAfterMs === undefined) {
    if (child.exitCode !== null) throw new Error(`The service exited (code ${child.exitCode}) before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      await exited;
      throw new Error(`The service was not ready within ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`);
    }
    const status = await httpGetStatus(`${url}/health/ready`, 500).catch(() => 0);
    if (status === 200) readyAfterMs = Number(process.hrtime.bigint() - started) / 1e6;
    else await sleep(20);
  }

  const databaseUrl = options.databaseUrl ?? new EmbeddedPostgres({ dataDir: dataDir!, port: pgPort! }).connectionString('bridge');
  const postgresPid = dataDir ? postmasterPid(dataDir) : null;

  return {
    url,
    pid: child.pid!,
    authorization: `Bearer ${apiKey}`,
    readyAfterMs,
    dataDir,
    databaseUrl,
    rssMb: () => rssMb(child.pid!),
    output: () => output,
    stop: async () => {
      const stopStarted = Date.now();
      let forced = false;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          forced = true;
          child.kill('SIGKILL');
        }, 20_000);
        await exited;
        clearTimeout(timer);
      }
      const stopMs = Date.now() - stopStarted;
      if (postgresPid !== null) {
        for (let waited = 0; isAlive(postgresPid) && waited < 10_000; waited += 100) await sleep(100);
        if (isAlive(postgresPid)) {
          // The service did not stop its Postgres: a fast shutdown of that one server, and say so.
          process.kill(postgresPid, 'SIGINT');
          for (let waited = 0; isAlive(postgresPid) && waited < 10_000; waited += 100) await sleep(100);
          process.stderr.write(`warning: the service left its Postgres (pid ${postgresPid}) running; stopped it\n`);
        }
      }
      if (ownTempDir) rmSync(ownTempDir, { recursive: true, force: true });
      return { exitCode: child.exitCode, signal: child.signalCode, forced, stopMs };
    },
  };
}
