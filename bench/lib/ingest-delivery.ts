import { Client } from 'pg';
import type { FakeDiscord } from '../../test/fakes/discord';
import type { RunningService } from './service';
import { percentile } from './stats';
import type { WebhookSource } from './webhook-source';

const MESSAGE_ROUTE = '/channels/{channel_id}/messages';

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Deliveries the fake Discord accepted, by message token (from the DM text). */
function deliveries(discord: FakeDiscord, phase: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  const pattern = new RegExp(`\\((${phase}-[0-9a-f]+-\\d+)\\)`);
  for (const request of discord.requests) {
    if (request.route !== MESSAGE_ROUTE || request.method !== 'POST' || request.status !== 200) continue;
    const token = pattern.exec(String(request.body?.content ?? ''))?.[1];
    if (token) found.set(token, [...(found.get(token) ?? []), request.at]);
  }
  return found;
}

export async function jobCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: string }>(`SELECT "status", count(*) AS n FROM "Job" WHERE "kind" = 'flex.webhook' GROUP BY 1`);
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  } finally {
    await client.end();
  }
}

/** Waits until the service's queue holds no pending or running webhook job. */
export async function drain(service: RunningService, timeoutSec: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const counts = await jobCounts(service.databaseUrl);
    if (!counts.PENDING && !counts.RUNNING) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutSec * 1000) throw new Error(`the queue did not drain in ${timeoutSec} s: ${JSON.stringify(counts)}`);
    await sleep(250);
  }
}

export interface DeliveryRow {
  phase: string;
  webhooks: number;
  delivered: number;
  duplicates: number;
  lost: number;
  ratePerSec: number;
  p50: number;
  p99: number;
}

export function deliveryStats(phase: string, source: WebhookSource, discord: FakeDiscord): DeliveryRow {
  const got = deliveries(discord, phase);
  const latencies: number[] = [];
  let duplicates = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const [token, times] of got) {
    duplicates += times.length - 1;
    const sent = source.sentAt.get(token);
    if (sent !== undefined) latencies.push(times[0] - sent);
    first = Math.min(first, times[0]);
    last = Math.max(last, times[0]);
  }
  latencies.sort((a, b) => a - b);
  const acked = source.sentAt.size;
  return {
    phase,
    webhooks: acked,
    delivered: got.size,
    duplicates,
    lost: acked - got.size,
    ratePerSec: got.size > 1 ? ((got.size - 1) * 1000) / (last - first) : NaN,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
