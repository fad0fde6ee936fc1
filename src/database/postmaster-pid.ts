import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What `postmaster.pid` in a data directory says about the server running on it, so a start can
 * recognise the orphan a killed service left behind, and a CLI can use the service's server.
 * File layout (PostgreSQL's miscadmin.h): pid, data directory, start time, port, socket
 * directory, listen address, shared-memory key, status.
 */
export interface RunningServer {
  pid: number;
  port: number;
  /** The process that started it, when it is still alive. */
  parentPid?: number;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parent pid and command name of a process, from /proc on Linux, from ps elsewhere. */
function processInfo(pid: number): { ppid: number; command: string } | undefined {
  try {
    if (existsSync('/proc/self/stat')) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      return { command: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(stat.slice(close + 2).split(' ')[1]) };
    }
    const [ppid, ...command] = execFileSync('ps', ['-o', 'ppid=,comm=', '-p', String(pid)]).toString().trim().split(/\s+/);
    return { ppid: Number(ppid), command: command.join(' ').split('/').pop() ?? '' };
  } catch {
    return undefined;
  }
}

/** The postgres server running on `dataDir`, or undefined (no file, a dead pid, a pid now used by another program). */
export function runningServer(dataDir: string): RunningServer | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || resolve(lines[1] ?? '') !== resolve(dataDir) || !isAlive(pid)) return undefined;
  const info = processInfo(pid);
  if (info && !/postgres/.test(info.command)) return undefined;
  const parent = info ? processInfo(info.ppid) : undefined;
  // A live node parent is a running service (or CLI); an orphan's parent is init or a subreaper.
  const parentPid = info && parent && /node/i.test(parent.command) ? info.ppid : undefined;
  return { pid, port: Number(lines[3]), parentPid };
}

/** A lock file whose pid is dead or now another program's: no server uses it, but Postgres may refuse to start over it. */
export function removeStaleLock(dataDir: string): void {
  const file = join(dataDir, 'postmaster.pid');
  if (existsSync(file) && runningServer(dataDir) === undefined) rmSync(file, { force: true });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Fast shutdown, then immediate, then kill: waits until the process is gone. */
export async function stopServer(pid: number, log: (line: string) => void = () => undefined): Promise<void> {
  for (const [signal, waitMs] of [['SIGINT', 20_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < waitMs; waited += 100) {
      if (!isAlive(pid)) return;
      await sleep(100);
    }
    log(`Embedded Postgres (pid ${pid}) still running after ${signal}`);
  }
}
