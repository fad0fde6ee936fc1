#!/usr/bin/env node
// npm test: runs Jest, then prints one line "N passed, N failed" from Jest's own results.
const { spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dir = mkdtempSync(join(tmpdir(), 'jest-results-'));
const resultsFile = join(dir, 'results.json');
const jest = require.resolve('jest/bin/jest');
const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], { stdio: 'inherit' });

let summary = 'no results';
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
  if (results.numFailedTestSuites > 0 && results.numFailedTests === 0) {
    summary = `${results.numPassedTests} passed, ${results.numFailedTestSuites} failed`;
  }
} catch {
  summary = '0 passed, 1 failed';
}
rmSync(dir, { recursive: true, force: true });
console.log(summary);
process.exit(run.status ?? 1);
