import { Agent, request } from 'node:http';
import type { LoadRequest, LoadResult } from './load';
import { cpuSnapshot, foreignCpuPercent, serviceCpuPercent } from './machine';
import { seededRandom } from './random';
import { RssSampler } from './rss';
import { percentile } from './stats';

export interface PacedOptions {
  url: string;
  requests: readonly LoadRequest[] | (() => LoadRequest);
  headers?: Record<string, string>;
  /** Requests per second, sent on a fixed schedule whatever the answers take (open loop). */
  rate: number;
  durationSec: number;
  warmupSec?: number;
  /** Sockets kept open to the service; requests wait for a free one (that wait counts as latency). */
  maxSockets?: number;
  pid?: number;
  check?: (status: number, body: string) => boolean;
  seed?: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Outcome {
  latencyMs: number;
  status: number;
  ok: boolean;
  error: boolean;
}

function send(agent: Agent, base: URL, item: LoadRequest, headers: Record<string, string>, check: PacedOptions['check']): Promise<Omit<Outcome, 'latencyMs'>> {
  return new Promise((resolveOutcome) => {
    const body = item.body;
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: item.method ?? 'GET',
        path: item.path,
        headers: { ...headers, ...item.headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => (check ? chunks.push(chunk) : undefined));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolveOutcome({ status, ok: check ? check(status, Buffer.concat(chunks).toString('utf8')) : true, error: false });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolveOutcome({ status: 0, ok: false, error: true }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

async function runOnce(options: PacedOptions, durationSec: number, measure: boolean): Promise<LoadResult> {
  const random = seededRandom((options.seed ?? 42) + (measure ? 1 : 0));
  const next =
    typeof options.requests === 'function'
      ? options.requests
      : (() => {
          const list = options.requests as readonly LoadRequest[];
          return () => list[Math.floor(random() * list.length)];
        })();
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 32 });
  const base = new URL(options.url);
  const headers = options.headers ?? {};
  const total = Math.max(1, Math.round(options.rate * durationSec));
  const intervalMs = 1000 / options.rate;
  const sampler = measure && options.pid ? new RssSampler(options.pid).start() : undefined;
  const cpuBefore = cpuSnapshot(options.pid);
  const start = performance.now();
  const pending: Promise<Outcome>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + i * intervalMs;
    const wait = scheduled - performance.now();
    if (wait > 1) await sleep(wait);
    const item = next();
    // Latency runs from the scheduled send time: a late start (client or service busy) is counted.
    pending.push(send(agent, base, item, headers, options.check).then((outcome) => ({ ...outcome, latencyMs: performance.now() - scheduled })));
  }
  const outcomes = await Promise.all(pending);
  const elapsedSec = (performance.now() - start) / 1000;
  const peakRssMb = sampler ? sampler.stop() : null;
  const cpuAfter = cpuSnapshot(options.pid);
  const foreignCpuPct = foreignCpuPercent(cpuBefore, cpuAfter);
  const serviceCpu = serviceCpuPercent(cpuBefore, cpuAfter);
  agent.destroy();
  const answered = outcomes.filter((o) => !o.error);
  const latencies = answered.map((o) => o.latencyMs).sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const o of answered) statusCodes[o.status] = (statusCodes[o.status] ?? 0) + 1;
  return {
    requests: answered.length,
    durationSec: elapsedSec,
    rps: answered.length / elapsedSec,
    p50: percentile(latencies, 50),
    p975: percentile(latencies, 97.5),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : NaN,
    errors: outcomes.length - answered.length,
    non2xx: answered.filter((o) => o.status < 200 || o.status > 299).length,
    mismatches: answered.filter((o) => o.status >= 200 && o.status <= 299 && !o.ok).length,
    statusCodes,
    peakRssMb,
    foreignCpuPct,
    nodeCpuPct: serviceCpu?.node ?? null,
    postgresCpuPct: serviceCpu?.postgres ?? null,
  };
}

/**
 * Open-loop load at a fixed rate: requests leave on schedule, however long earlier ones take, so
 * latency is what a caller would see at that traffic (no coordinated omission), unlike a
 * closed-loop "as fast as possible" run, which measures the saturation point.
 */
export async function runPaced(options: PacedOptions): Promise<LoadResult> {
  if (options.warmupSec && options.warmupSec > 0) await runOnce(options, options.warmupSec, false);
  return runOnce(options, options.durationSec, true);
}
