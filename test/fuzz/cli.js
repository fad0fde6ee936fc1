#!/usr/bin/env node
// npm run fuzz -- --requests N [--seed S]: the fuzz tests (test/fuzz; webhooks get N/4) for a long run, then their figures.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' }, seed: { type: 'string', default: String(Date.now() % 1e9) } } });
if (!/^\d+$/.test(values.requests) || !/^\d+$/.test(values.seed)) {
  console.error('Usage: npm run fuzz -- [--requests N] [--seed S]   (N and S are whole numbers)');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
const report = join(dir, 'report.json');
const run = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), 'test/fuzz/'], {
  cwd: join(__dirname, '..', '..'),
  stdio: 'inherit',
  env: { ...process.env, FUZZ_REQUESTS: values.requests, FUZZ_SEED: values.seed, FUZZ_REPORT: report },
});
try {
  const figures = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`fuzz: ${figures.requests} requests over ${figures.operations} operations × ${figures.roles} roles (${figures.operationRolePairsHit} pairs hit), ` +
    `${figures.fiveHundreds} answers ≥ 500, ${figures.seconds} s, seed ${figures.seed}`);
  console.log(`statuses: ${JSON.stringify(figures.statuses)}`);
  const hooks = JSON.parse(readFileSync(`${report}.webhooks`, 'utf8'));
  console.log(`webhooks: ${hooks.requests} signed/unsigned/forged Twilio webhooks over ${hooks.routes} routes, ${hooks.fiveHundreds} answers ≥ 500, ${hooks.seconds} s; statuses ${JSON.stringify(hooks.statuses)}`);
} catch {
  console.log(`fuzz: failed (seed ${values.seed}); see the counterexample above`);
}
rmSync(dir, { recursive: true, force: true });
process.exit(run.status ?? 1);
