import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './free-port';
import { ROOT } from './run-cli';

export { freePort };

/**
 * The real service as a separate process (`node -r scripts/swc-register.js src/main.ts`, what
 * `npm run dev` runs without the watcher), for what only a process shows: its logs, signals,
 * kill -9, exit codes, the embedded Postgres it starts.
 */
export class ServiceProcess {
  output = '';
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(readonly env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'swc-register.js'), join(ROOT, 'src', 'main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ENV_FILE: join(ROOT, 'test', 'no-such.env'), LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  /** Waits for the start-up banner (the service listens once it is printed). */
  async ready(timeoutMs = 60_000): Promise<void> {
    await eventually(() => this.output.includes('Support bridge ready at') || (this.exit !== undefined && Promise.reject(new Error(`service exited ${JSON.stringify(this.exit)}:\n${this.output}`))), timeoutMs, 'the start-up banner');
  }

  async readiness(): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: await response.json() };
  }

  async stopped(timeoutMs = 30_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    await eventually(() => this.exit, timeoutMs, 'the service to exit');
    return this.exit!;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async terminate(): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGTERM');
    await this.exited;
  }
}
