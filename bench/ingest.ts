import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { getExpectedTwilioSignature, Twilio } from 'twilio';
import { PrismaService } from '../src/database/prisma.service';
import { RoutedRequestClient } from '../src/flex/twilio-http';
import { FakeDiscord } from '../test/fakes/discord';
import { FakeTwilio } from '../test/fakes/twilio/fake-twilio';
import { mapLimit } from './lib/concurrency';
import { startDelayProxy } from './lib/delay-proxy';
import { LoadRequest, runLoad } from './lib/load';
import { runPaced } from './lib/paced';
import { fmt, LoadRow, loadTable, printReport, ScenarioReport, Table, Verdict } from './lib/report';
import { RunningService, startService } from './lib/service';
import { percentile } from './lib/stats';
import { discordEnv } from '../test/utils/test-discord';

export const INGEST_TITLE = 'Ingest: signed POST /forward-to-discord across 1,000 conversations';
export const INGEST_TARGETS = [
  'acknowledgement p99 ≤ 10 ms at ≥ 2,000 req/s',
  'every message delivered exactly once to the fake Discord',
  'with a 50 req/s bot limit: egress ≥ 95 % of it, 0 lost',
];
export const BASELINE_TITLE = "The seed's Twilio lookup per agent message vs our Postgres mapping";
export const BASELINE_TARGETS = ['the added latency of fetching the conversation from Twilio (50 ms round trip) for every agent message, against the Postgres mapping'];

/** Where Twilio believes the service lives: webhooks are signed for URLs under it. */
const PUBLIC_URL = 'https://bridge.example.test';
const WEBHOOK_URL = `${PUBLIC_URL}/forward-to-discord`;
const ACK_P99_MS = 10;
const MESSAGE_ROUTE = '/channels/{channel_id}/messages';

export interface IngestOptions {
  conversations: number;
  /** Open-loop webhook rate of the judged acknowledgement row. */
  ackRate: number;
  ackDurationSec: number;
  warmupSec: number;
  /** Closed-loop connections and seconds of the saturation row. */
  saturationConnections: number;
  saturationSec: number;
  /** Discord's global bot limit, enforced by the fake throughout. */
  egressLimit: number;
  baselineSamples: number;
  twilioRttMs: number;
  drainTimeoutSec: number;
  /** Extra service configuration, e.g. { QUEUE_CONCURRENCY: '16' } to compare settings. */
  serviceEnv?: Record<string, string>;
  entry?: 'dist' | 'source';
  log?: (line: string) => void;
}

export const INGEST_DEFAULTS: IngestOptions = {
  conversations: 1000,
  ackRate: 2000,
  // Every acknowledged message must then leave at 50/s: 2.5 s at 2,000/s is already ~100 s of egress.
  ackDurationSec: 2,
  warmupSec: 0.5,
  saturationConnections: 32,
  saturationSec: 1,
  egressLimit: 50,
  baselineSamples: 200,
  twilioRttMs: 50,
  drainTimeoutSec: 240,
};

interface SeededConversation {
  sid: string;
  dmChannelId: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** 1,000 help chats already handed to an agent: the mapping rows the webhook looks up. */
export async function seedConversations(databaseUrl: string, discord: FakeDiscord, count: number): Promise<SeededConversation[]> {
  const users = Array.from({ length: count }, (_, i) => discord.user({ username: `player${i}` }));
  const rows = users.map((user) => ({ user, sid: `CH${randomBytes(16).toString('hex')}`, dmChannelId: discord.dmChannelFor(user.id).payload.id }));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Conversation" ("id", "playerId", "playerName", "playerChannelId", "locale", "mode", "platform", "platformKey", "agentName", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), u.id, u.name, u.dm, 'en', 'AGENT'::"ConversationMode", 'flex', u.sid, 'Alice', now(), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, name, dm, sid)`,
      [rows.map((r) => r.user.id), rows.map((r) => r.user.username), rows.map((r) => r.dmChannelId), rows.map((r) => r.sid)],
    );
  } finally {
    await client.end();
  }
  return rows.map(({ sid, dmChannelId }) => ({ sid, dmChannelId }));
}

/** Agent messages as Flex posts them: onMessageAdded, Source=SDK, signed over PUBLIC_URL + path. */
export class WebhookSource {
  private seq = 0;
  private readonly run = randomBytes(3).toString('hex');
  /** Message token → when its webhook was built (just before it is sent). */
  readonly sentAt = new Map<string, number>();

  constructor(
    private readonly twilio: FakeTwilio,
    private readonly conversations: SeededConversation[],
    private readonly phase: string,
  ) {}

  readonly next = (): LoadRequest => {
    const n = ++this.seq;
    const conversation = this.conversations[n % this.conversations.length];
    const token = `${this.phase}-${this.run}-${n}`;
    const params: Record<string, string> = {
      AccountSid: this.twilio.accountSid,
      ChatServiceSid: this.twilio.defaultChatServiceSid,
      ConversationSid: conversation.sid,
      EventType: 'onMessageAdded',
      WebhookSid: 'WH00000000000000000000000000000001',
      WebhookType: 'webhook',
      RetryCount: '0',
      MessageSid: `IM${randomBytes(16).toString('hex')}`,
      Index: String(n),
      Author: 'alice@example.com',
      ClientIdentity: 'alice@example.com',
      Body: `Thanks, checking your account now (${token})`,
      Attributes: '{}',
      DateCreated: new Date().toISOString(),
      Source: 'SDK',
    };
    this.sentAt.set(token, Date.now());
    return {
      method: 'POST',
      path: '/forward-to-discord',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-twilio-signature': getExpectedTwilioSignature(this.twilio.authToken, WEBHOOK_URL, params) },
      body: new URLSearchParams(params).toString(),
    };
  };
}

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

async function jobCounts(databaseUrl: string): Promise<Record<string, number>> {
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
async function drain(service: RunningService, timeoutSec: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const counts = await jobCounts(service.databaseUrl);
    if (!counts.PENDING && !counts.RUNNING) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutSec * 1000) throw new Error(`the queue did not drain in ${timeoutSec} s: ${JSON.stringify(counts)}`);
    await sleep(250);
  }
}

interface DeliveryRow {
  phase: string;
  webhooks: number;
  delivered: number;
  duplicates: number;
  lost: number;
  ratePerSec: number;
  p50: number;
  p99: number;
}

function deliveryStats(phase: string, source: WebhookSource, discord: FakeDiscord): DeliveryRow {
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

/** The seed's way (a Twilio fetch per message) beside ours (the Postgres mapping), one lookup at a time. */
async function baseline(options: IngestOptions, service: RunningService, twilio: FakeTwilio, conversations: SeededConversation[]): Promise<ScenarioReport> {
  const proxy = await startDelayProxy(twilio.url, options.twilioRttMs);
  const client = new Twilio(twilio.apiKey, twilio.apiSecret, { accountSid: twilio.accountSid, httpClient: new RoutedRequestClient(proxy.url) });
  const prisma = new PrismaService(service.databaseUrl, 4);
  try {
    // The seed kept the Discord channel in the last message's attributes: give each sampled conversation one.
    const sampled = await mapLimit(conversations.slice(0, 50), 10, async (conversation) => {
      const created = await client.conversations.v1.conversations.create({ friendlyName: `help ${conversation.sid}` });
      await client.conversations.v1.conversations(created.sid).messages.create({ author: 'bridge', body: 'hello', attributes: JSON.stringify({ discordChannelId: conversation.dmChannelId }) });
      return { ours: conversation.sid, theirs: created.sid };
    });
    const time = async (fn: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    // Warm both paths (connections, Prisma's query cache, the HTTP agent) before timing.
    for (const pair of sampled.slice(0, 10)) {
      await prisma.conversation.findUnique({ where: { platformKey: pair.ours } });
      await client.conversations.v1.conversations(pair.theirs).messages.list({ order: 'desc', limit: 1 });
    }
    const ours: number[] = [];
    const seed: number[] = [];
    for (let i = 0; i < options.baselineSamples; i++) {
      const pair = sampled[i % sampled.length];
      // The same lookup the routing core makes per agent message.
      ours.push(await time(() => prisma.conversation.findUnique({ where: { platformKey: pair.ours } })));
      seed.push(
        await time(async () => {
          const [last] = await client.conversations.v1.conversations(pair.theirs).messages.list({ order: 'desc', limit: 1 });
          if (!JSON.parse(last?.attributes ?? '{}').discordChannelId) throw new Error('the seeded message lost its attributes');
        }),
      );
    }
    ours.sort((a, b) => a - b);
    seed.sort((a, b) => a - b);
    const oursP50 = percentile(ours, 50);
    const seedP50 = percentile(seed, 50);
    const table: Table = {
      columns: ['lookup per agent message', 'samples', 'p50 ms', 'p99 ms', 'max ms', 'added vs ours (p50) ms', 'ratio (p50)'],
      rows: [
        ['ours: Postgres mapping (Prisma findUnique on platformKey)', String(ours.length), fmt(oursP50, 2), fmt(percentile(ours, 99), 2), fmt(ours[ours.length - 1], 2), '–', '1×'],
        [`seed's: Twilio GET …/Messages (last message's attributes), ${options.twilioRttMs} ms RTT`, String(seed.length), fmt(seedP50, 2), fmt(percentile(seed, 99), 2), fmt(seed[seed.length - 1], 2), fmt(seedP50 - oursP50, 1), `${fmt(seedP50 / oursP50, 0)}×`],
      ],
    };
    return {
      id: 'B',
      title: BASELINE_TITLE,
      targets: BASELINE_TARGETS,
      table,
      loads: [],
      verdicts: [],
      notes: [
        `sequential lookups through the real clients (Prisma on the service's database; twilio-node against the fake Twilio behind a ${options.twilioRttMs} ms proxy)`,
        `per message the seed's design adds ~${fmt(seedP50 - oursP50, 0)} ms before Discord sees it, and one Twilio API request (Twilio's own rate limits then cap the relay)`,
      ],
    };
  } finally {
    await prisma.$disconnect();
    await proxy.close();
  }
}

export async function runIngestScenarios(options: IngestOptions = INGEST_DEFAULTS): Promise<ScenarioReport[]> {
  const log = options.log ?? (() => undefined);
  const discord = await FakeDiscord.start();
  const twilio = await new FakeTwilio().start();
  let service: RunningService | undefined;
  try {
    service = await startService({
      entry: options.entry,
      env: {
        ...discordEnv(discord),
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_API_KEY: twilio.apiKey,
        TWILIO_API_SECRET: twilio.apiSecret,
        TWILIO_WORKSPACE_SID: twilio.workspaceSid,
        TWILIO_WORKFLOW_SID: twilio.workflowSid,
        TWILIO_API_BASE_URL: twilio.url,
        PUBLIC_URL,
        ROUTING_MODE: 'direct',
        ...options.serviceEnv,
      },
    });
    await discord.waitForCommands(30_000);
    const conversations = await seedConversations(service.databaseUrl, discord, options.conversations);
    const notes = [`${options.conversations} conversations in mode AGENT; the service runs with the bot logged in to the fake Discord and Flex on against the fake Twilio (webhooks signed with twilio-node's helper)`];
    const rows: LoadRow[] = [];

    // Discord always enforces its global limit, so the fake does from the start: the webhooks are
    // acknowledged at full speed, the queue holds the backlog, and egress drains it at the limit.
    discord.setGlobalRateLimit(options.egressLimit);
    log(`A: acknowledgement at ${options.ackRate}/s`);
    const acks = new WebhookSource(twilio, conversations, 'ack');
    const paced = await runPaced({ url: service.url, requests: acks.next, rate: options.ackRate, durationSec: options.ackDurationSec, warmupSec: options.warmupSec, pid: service.pid, maxSockets: 64 });
    rows.push({ name: 'ack, 1,000 conversations', connections: 0, rate: options.ackRate, result: paced, target: { p99Ms: ACK_P99_MS, minRps: Math.floor(options.ackRate * 0.98) } });
    log('A: acknowledgement, saturation');
    const saturation = await runLoad({ url: service.url, requests: acks.next, connections: options.saturationConnections, durationSec: options.saturationSec, pid: service.pid });
    rows.push({ name: 'ack, 1,000 conversations (saturation)', connections: options.saturationConnections, result: saturation });
    const stored = await jobCounts(service.databaseUrl);
    const backlog = (stored.PENDING ?? 0) + (stored.RUNNING ?? 0);
    log(`A: draining ${backlog} queued messages to the fake Discord at its ${options.egressLimit} req/s limit`);
    const drainSec = await drain(service, options.drainTimeoutSec);
    await sleep(500);
    discord.setGlobalRateLimit(null);
    const delivery = deliveryStats('ack', acks, discord);
    const finalJobs = await jobCounts(service.databaseUrl);
    const storedTotal = Object.values(finalJobs).reduce((a, b) => a + b, 0);
    const limited429 = discord.requests.filter((r) => r.injected === 'rate_limit').length;
    notes.push(
      `${storedTotal} webhooks acknowledged and stored as flex.webhook jobs (${backlog} still queued when the load stopped, drained in ${fmt(drainSec, 1)} s); final job states ${JSON.stringify(finalJobs)}; the fake answered ${limited429} requests with 429`,
    );
    notes.push('webhook → Discord latency grows with the backlog: at 2,000 webhooks/s in and 50 messages/s out, the queue is the buffer by design');

    const { table, verdicts } = loadTable(rows);
    const notDelivered = storedTotal - delivery.delivered;
    const deliveryVerdict: Verdict = delivery.duplicates === 0 && notDelivered === 0 && !finalJobs.DEAD ? 'PASS' : 'MISS';
    const egressVerdict: Verdict = delivery.ratePerSec >= options.egressLimit * 0.95 && deliveryVerdict === 'PASS' ? 'PASS' : 'MISS';
    const deliveryTable: Table = {
      columns: ['delivery to the fake Discord', 'webhooks stored', 'delivered', 'duplicates', 'not delivered', 'egress msg/s', 'webhook → Discord p50 ms', 'p99 ms', 'target', 'result'],
      rows: [
        [`exactly once, fake limit ${options.egressLimit} req/s`, String(storedTotal), String(delivery.delivered), String(delivery.duplicates), String(notDelivered), fmt(delivery.ratePerSec, 1), fmt(delivery.p50, 0), fmt(delivery.p99, 0), '0 duplicates, 0 lost', deliveryVerdict],
        ['egress rate under the limit', '', '', '', '', fmt(delivery.ratePerSec, 1), '', '', `≥ ${fmt(options.egressLimit * 0.95, 1)} msg/s`, egressVerdict],
      ],
    };
    const report: ScenarioReport = {
      id: 'A',
      title: INGEST_TITLE,
      targets: INGEST_TARGETS,
      table,
      extraTables: [{ title: 'Delivery to the fake Discord', table: deliveryTable }],
      loads: rows,
      verdicts,
      extraVerdicts: [deliveryVerdict, egressVerdict],
      notes,
    };
    log('B: the seed’s Twilio lookup vs the Postgres mapping');
    return [report, await baseline(options, service, twilio, conversations)];
  } finally {
    await service?.stop();
    await twilio.stop();
    await discord.close();
  }
}

if (require.main === module) {
  const serviceEnv = process.env.BENCH_SERVICE_ENV ? (JSON.parse(process.env.BENCH_SERVICE_ENV) as Record<string, string>) : undefined;
  runIngestScenarios({ ...INGEST_DEFAULTS, serviceEnv, log: (line) => process.stderr.write(`${line}\n`) })
    .then((reports) => reports.forEach((report) => printReport(report)))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
