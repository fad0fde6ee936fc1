import { readFileSync } from 'node:fs';

/** Resident set size of a process in MB, from /proc/<pid>/status (VmRSS); null once it has exited. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS on an interval and keeps the peak, for the duration of a load run. */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  private peakMb = 0;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  /** Stops sampling and returns the peak seen (MB). */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return this.peakMb;
  }

  private sample(): void {
    const value = rssMb(this.pid);
    if (value !== null && value > this.peakMb) this.peakMb = value;
  }
}
