import { runCasesScenario } from '../../bench/cases-api';
import { runKbScenario } from '../../bench/kb-search';
import type { ScenarioReport } from '../../bench/lib/report';
import { RunningService, startService } from '../../bench/lib/service';
import { createTestDatabase } from '../utils/test-database';

/**
 * A tiny run of scenarios D and E through the benchmark harness: the real service as a child
 * process (from source), seeding, autocannon, the report table. Keeps `npm run bench` from rotting
 * without running the real benchmarks in `npm test`.
 */
jest.setTimeout(60_000);

function expectMeasured(report: ScenarioReport, rows: number): void {
  expect(report.notRun).toBeUndefined();
  expect(report.loads).toHaveLength(rows);
  for (const { name, result } of report.loads) {
    expect({ name, errors: result.errors, non2xx: result.non2xx, mismatches: result.mismatches }).toEqual({ name, errors: 0, non2xx: 0, mismatches: 0 });
    expect(result.requests).toBeGreaterThan(10);
    expect(result.rps).toBeGreaterThan(0);
    expect(result.p50).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.p50);
    expect(result.peakRssMb).toBeGreaterThan(20);
  }
  // The printed table holds a number in every measured column of every row.
  const numeric = ['req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'errors', 'non-2xx', 'peak RSS MB'].map((column) => report.table!.columns.indexOf(column));
  for (const row of report.table!.rows) {
    for (const index of numeric) expect(Number.isFinite(Number(row[index]))).toBe(true);
  }
  // Rows with a target get a verdict; the saturation rows are for information.
  report.loads.forEach((row, i) => expect(report.verdicts[i]).toEqual(row.target ? expect.stringMatching(/^(PASS|MISS)$/) : ''));
}

describe('benchmark harness (smoke)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startService({ entry: 'source', databaseUrl: database.url });
  });

  afterAll(async () => {
    const stopped = await service?.stop();
    await database?.drop();
    expect(stopped?.forced).toBe(false);
  });

  it('runs scenario D on 2,000 cases', async () => {
    const report = await runCasesScenario({ cases: 2000, durationSec: 1, warmupSec: 0, rate: 40, connections: 2, service, profile: false });
    expectMeasured(report, 7);
    expect(report.notes.join('\n')).toMatch(/seeded 2,000 cases/);
  });

  it('runs scenario E on 200 articles', async () => {
    const report = await runKbScenario({ articles: 200, durationSec: 1, warmupSec: 0, rate: 40, connections: 2, service, perLanguage: false });
    expectMeasured(report, 2);
  });
});
