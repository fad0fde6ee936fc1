import autocannon from 'autocannon';
import { cpuSnapshot, foreignCpuPercent, serviceCpuPercent } from './machine';
import { seededRandom } from './random';
import { RssSampler } from './rss';
import { percentile } from './stats';

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  /** Base URL of the service, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Each request the load sends is drawn at random (seeded) from this list. */
  requests: readonly LoadRequest[] | (() => LoadRequest);
  /** Headers sent with every request (e.g. authorization). */
  headers?: Record<string, string>;
  connections: number;
  durationSec: number;
  /** Seconds of the same load before measuring, so JIT, pools and caches are warm. */
  warmupSec?: number;
  /** The service's pid, to sample its peak RSS during the measured run. */
  pid?: number;
  /** Optional response check; a false result counts as a mismatch (autocannon reads bodies only when this is set). */
  check?: (status: number, body: string) => boolean;
  /** A fixed rate (requests per second over all connections) instead of as fast as possible. */
  overallRate?: number;
  seed?: number;
}

export interface LoadResult {
  requests: number;
  durationSec: number;
  /** Completed responses per second over the measured run. */
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Responses outside 2xx. */
  non2xx: number;
  /** Responses the check refused. */
  mismatches: number;
  statusCodes: Record<string, number>;
  peakRssMb: number | null;
  /** CPU used by other processes on the machine during the run (% of all CPUs); they skew the figures. */
  foreignCpuPct: number | null;
  /** CPU of the service's Node process and of its Postgres during the run, in % of one core. */
  nodeCpuPct: number | null;
  postgresCpuPct: number | null;
}

function toAutocannonRequest(request: LoadRequest, shared: Record<string, string>): autocannon.Request {
  return {
    method: request.method ?? 'GET',
    path: request.path,
    headers: { ...shared, ...request.headers, ...(request.body !== undefined && !request.headers?.['content-type'] ? { 'content-type': 'application/json' } : {}) },
    ...(request.body !== undefined ? { body: request.body } : {}),
  };
}

async function runOnce(options: LoadOptions, durationSec: number, measure: boolean): Promise<LoadResult> {
  // The warm-up draws another sequence than the measured run, so it does not pre-warm exactly the rows measured.
  const random = seededRandom((options.seed ?? 42) + (measure ? 1 : 0));
  const shared = options.headers ?? {};
  const next =
    typeof options.requests === 'function'
      ? options.requests
      : (() => {
          const list = options.requests as readonly LoadRequest[];
          if (list.length === 0) throw new Error('runLoad needs at least one request');
          return () => list[Math.floor(random() * list.length)];
        })();
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let mismatches = 0;
  const template = toAutocannonRequest(next(), shared);
  const entry: autocannon.Request = {
    ...template,
    // One entry whose content is redrawn for every request: connections do not march through the list in step.
    setupRequest: () => toAutocannonRequest(next(), shared),
    ...(options.check
      ? {
          onResponse: (status: number, body: string) => {
            if (!options.check!(status, body)) mismatches++;
          },
        }
      : {}),
  };
  const sampler = measure && options.pid ? new RssSampler(options.pid).start() : undefined;
  const cpuBefore = cpuSnapshot(options.pid);
  const started = process.hrtime.bigint();
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolveRun, reject) => {
    finish = resolveRun;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: options.url,
      connections: options.connections,
      duration: durationSec,
      requests: [entry],
      timeout: 10,
      ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
  });
  const result = await done;
  const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRssMb = sampler ? sampler.stop() : null;
  const cpuAfter = cpuSnapshot(options.pid);
  const foreignCpuPct = foreignCpuPercent(cpuBefore, cpuAfter);
  const serviceCpu = serviceCpuPercent(cpuBefore, cpuAfter);
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requests: latencies.length,
    durationSec: elapsedSec,
    rps: latencies.length / elapsedSec,
    p50: percentile(latencies, 50),
    p975: percentile(latencies, 97.5),
    p99: percentile(latencies, 99),
    max: latencies.length ? latencies[latencies.length - 1] : NaN,
    errors: result.errors,
    non2xx,
    mismatches,
    statusCodes,
    peakRssMb,
    foreignCpuPct,
    nodeCpuPct: serviceCpu?.node ?? null,
    postgresCpuPct: serviceCpu?.postgres ?? null,
  };
}

/**
 * Drives HTTP load with autocannon for a fixed duration and connection count. Latencies are taken
 * from every response (autocannon's own histogram rounds to whole milliseconds), so percentiles
 * keep sub-millisecond precision.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSec && options.warmupSec > 0) await runOnce(options, options.warmupSec, false);
  return runOnce(options, options.durationSec, true);
}
