import { execFile } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `bridge <args>` from the TypeScript sources (compiled on the fly by swc, as `npm run dev`
 * does) in a child process with only the given environment; the compiled CLI is exercised by
 * scripts/ci/check-production-tree. No .env is read unless `env` names one in ENV_FILE.
 */
export function runCli(args: string[], env: Record<string, string>, options: { cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'swc-register.js'), join(ROOT, 'src', 'cli', 'main.ts'), ...args],
      {
        cwd: options.cwd ?? ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ENV_FILE: join(ROOT, 'test', 'no-such.env'), ...env },
        timeout: options.timeoutMs ?? 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
