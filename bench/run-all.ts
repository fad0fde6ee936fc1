import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES_DEFAULTS, runCasesScenario, TARGETS as CASES_TARGETS, TITLE as CASES_TITLE } from './cases-api';
import { COMMANDS_DEFAULTS, runCommandsScenario, TARGETS as COMMANDS_TARGETS, TITLE as COMMANDS_TITLE } from './commands';
import { INGEST_DEFAULTS, INGEST_TARGETS, INGEST_TITLE, runIngestScenarios } from './ingest';
import { KB_DEFAULTS, runKbScenario, TARGETS as KB_TARGETS, TITLE as KB_TITLE } from './kb-search';
import { loadAverage, machineInfo } from './lib/machine';
import { ROOT } from './lib/paths';
import { notRun, printReport, ScenarioReport } from './lib/report';
import { writeResults } from './lib/results';
import { runStartupScenario, STARTUP_DEFAULTS, TARGETS as STARTUP_TARGETS, TITLE as STARTUP_TITLE } from './startup';

const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

/** A scenario that throws is reported as not run, with the error, instead of stopping the others. */
async function guarded(id: string, title: string, targets: string[], run: () => Promise<ScenarioReport | ScenarioReport[]>): Promise<ScenarioReport[]> {
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    log(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return [notRun(id, title, targets, `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)];
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const reports: ScenarioReport[] = [];
  const add = (items: ScenarioReport[]) => {
    for (const report of items) {
      printReport(report);
      reports.push(report);
    }
  };
  add(await guarded('A', INGEST_TITLE, INGEST_TARGETS, () => runIngestScenarios({ ...INGEST_DEFAULTS, log })));
  add(await guarded('C', COMMANDS_TITLE, COMMANDS_TARGETS, () => runCommandsScenario({ ...COMMANDS_DEFAULTS, log })));
  add(await guarded('D', CASES_TITLE, CASES_TARGETS, () => runCasesScenario({ ...CASES_DEFAULTS, log })));
  add(await guarded('E', KB_TITLE, KB_TARGETS, () => runKbScenario({ ...KB_DEFAULTS, log })));
  add(await guarded('F', STARTUP_TITLE, STARTUP_TARGETS, () => runStartupScenario({ ...STARTUP_DEFAULTS, log })));

  const path = join(ROOT, 'bench', 'RESULTS.md');
  writeResults(
    path,
    {
      command: 'npm run bench',
      startedAt,
      finishedAt: new Date(),
      machine: machineInfo(),
      loadBefore,
      loadAfter: loadAverage(),
      method: [
        'The service under test is the compiled build, `node dist/src/main.js`, one process, started per scenario on a fresh embedded Postgres in a temporary directory (LOG_LEVEL=warn, a bootstrap lead key, the per-key rate limit lifted so one key can drive the load), and stopped with SIGTERM. The fake Discord and fake Twilio (test/fakes) run inside the benchmark process.',
        `Rows marked "paced" are open-loop: requests leave on a fixed schedule (Node's http client, keep-alive) and latency runs from the scheduled time, so a stalled service shows up in full. D runs at ${CASES_DEFAULTS.rate}/s and E at ${KB_DEFAULTS.rate}/s (far above a support team's or a community's real traffic); A at ${INGEST_DEFAULTS.ackRate}/s, the issue's rate. Rows marked "max" are closed-loop autocannon runs (N connections as fast as possible): the saturation point, for information.`,
        `Each row: ${CASES_DEFAULTS.warmupSec} s warm-up then ${CASES_DEFAULTS.durationSec} s measured (A: ${INGEST_DEFAULTS.warmupSec} s + ${INGEST_DEFAULTS.ackDurationSec} s, since every acknowledged message must then leave at Discord's 50/s); each request drawn at random (seeded) from the row's list. The load generator shares the ${machineInfo().cpus} CPUs with the service and Postgres.`,
        'Latency percentiles come from every response time. "errors" are connection errors/timeouts; "non-2xx" also counts failed response checks. Peak RSS is the service\'s Node process (VmRSS sampled every 100 ms).',
        '"node CPU %" and "pg CPU %" are the service process and its embedded Postgres during the run, in % of one core (200 % = both cores). "other CPU %" is CPU used by processes outside the benchmark (other work on the machine) in % of all CPUs; a high value means the row is pessimistic.',
        '"SQL alone" notes time the exact statement the service runs, one at a time over one pg connection, to separate database time from HTTP/Nest/Prisma time.',
      ],
    },
    reports,
    // The analysis behind the figures (profiles, plans, what is ours to fix) is written by hand.
    existsSync(join(ROOT, 'bench', 'FINDINGS.md')) ? readFileSync(join(ROOT, 'bench', 'FINDINGS.md'), 'utf8') : '',
  );
  log(`wrote ${path}`);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
