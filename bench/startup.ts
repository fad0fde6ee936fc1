import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, printReport, ScenarioReport, Verdict } from './lib/report';
import { startService } from './lib/service';

export const TITLE = 'Start-up and memory (embedded Postgres)';
export const TARGETS = ['spawn → first 200 of /health/ready ≤ 5 s', 'idle RSS ≤ 200 MB'];
const READY_MS = 5000;
const IDLE_RSS_MB = 200;

export interface StartupScenarioOptions {
  /** Runs on the data directory the first run created. */
  existingRuns: number;
  idleSec: number;
  entry?: 'dist' | 'source';
  log?: (line: string) => void;
}

export const STARTUP_DEFAULTS: StartupScenarioOptions = { existingRuns: 2, idleSec: 5 };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Spawns `node dist/src/main.js` on a fresh data directory (initdb, migrations, starter knowledge
 * base) and then again on that same directory, timing spawn → ready and reading the idle RSS.
 */
export async function runStartupScenario(options: StartupScenarioOptions = STARTUP_DEFAULTS): Promise<ScenarioReport> {
  const log = options.log ?? (() => undefined);
  const root = mkdtempSync(join(tmpdir(), 'bridge-bench-startup-'));
  const dataDir = join(root, 'pg');
  const rows: string[][] = [];
  const verdicts: Verdict[] = [];
  try {
    const runs = ['fresh data dir (initdb + migrations + kb import)', ...Array.from({ length: options.existingRuns }, (_, i) => `existing data dir, run ${i + 1}`)];
    for (const name of runs) {
      log(`F: ${name}`);
      const service = await startService({ entry: options.entry, dataDir });
      await sleep(options.idleSec * 1000);
      const idle = service.rssMb();
      const { stopMs } = await service.stop();
      const ready: Verdict = service.readyAfterMs <= READY_MS ? 'PASS' : 'MISS';
      const memory: Verdict = idle !== null && idle <= IDLE_RSS_MB ? 'PASS' : 'MISS';
      verdicts.push(ready, memory);
      rows.push([name, fmt(service.readyAfterMs, 0), ready, fmt(idle, 0), memory, fmt(stopMs, 0)]);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return {
    id: 'F',
    title: TITLE,
    targets: TARGETS,
    table: {
      columns: ['run', 'spawn → ready ms', `≤ ${READY_MS} ms`, `RSS after ${options.idleSec} s idle MB`, `≤ ${IDLE_RSS_MB} MB`, 'SIGTERM → exit ms'],
      rows,
    },
    loads: [],
    verdicts,
    notes: ['RSS is the Node process (VmRSS); the embedded Postgres runs as separate processes'],
  };
}

if (require.main === module) {
  runStartupScenario({ ...STARTUP_DEFAULTS, log: (line) => process.stderr.write(`${line}\n`) })
    .then((report) => printReport(report))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
