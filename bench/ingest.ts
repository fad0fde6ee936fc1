import { FakeDiscord } from '../test/fakes/discord';
import { FakeTwilio } from '../test/fakes/twilio/fake-twilio';
import { deliveryStats, drain, jobCounts, sleep } from './lib/ingest-delivery';
import { seedConversations } from './lib/ingest-seed';
import { runLoad } from './lib/load';
import { baseline } from './lib/lookup-baseline';
import { runPaced } from './lib/paced';
import { fmt, LoadRow, loadTable, printReport, ScenarioReport, Table, Verdict } from './lib/report';
import { RunningService, startService } from './lib/service';
import { PUBLIC_URL, WebhookSource } from './lib/webhook-source';
import { discordEnv } from '../test/utils/test-discord';
import { DiscordSettings } from '../src/config/discord-settings';

export { seedConversations } from './lib/ingest-seed';
export type { SeededConversation } from './lib/ingest-seed';
export { WebhookSource } from './lib/webhook-source';
export { BASELINE_TARGETS, BASELINE_TITLE } from './lib/lookup-baseline';

// Scenario A: signed agent webhooks in, exactly-once delivery out at Discord's limit; B: the seed's lookup (lib/lookup-baseline).
export const INGEST_TITLE = 'Ingest: signed POST /forward-to-discord across 1,000 conversations';
export const INGEST_TARGETS = [
  'acknowledgement p99 ≤ 10 ms at ≥ 2,000 req/s',
  'every message delivered exactly once to the fake Discord',
  'with a 50 req/s bot limit: egress ≥ 95 % of the service\'s DISCORD_REST_PER_SECOND, 0 lost',
];
const ACK_P99_MS = 10;

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
    // The service spaces its own requests at DISCORD_REST_PER_SECOND (shared by replicas), below Discord's 50.
    const budget = Math.min(options.egressLimit, Number(options.serviceEnv?.DISCORD_REST_PER_SECOND ?? new DiscordSettings().DISCORD_REST_PER_SECOND));
    const egressVerdict: Verdict = delivery.ratePerSec >= budget * 0.95 && deliveryVerdict === 'PASS' ? 'PASS' : 'MISS';
    const deliveryTable: Table = {
      columns: ['delivery to the fake Discord', 'webhooks stored', 'delivered', 'duplicates', 'not delivered', 'egress msg/s', 'webhook → Discord p50 ms', 'p99 ms', 'target', 'result'],
      rows: [
        [`exactly once, fake limit ${options.egressLimit} req/s`, String(storedTotal), String(delivery.delivered), String(delivery.duplicates), String(notDelivered), fmt(delivery.ratePerSec, 1), fmt(delivery.p50, 0), fmt(delivery.p99, 0), '0 duplicates, 0 lost', deliveryVerdict],
        [`egress at the service's budget (${budget} req/s)`, '', '', '', '', fmt(delivery.ratePerSec, 1), '', '', `≥ ${fmt(budget * 0.95, 1)} msg/s`, egressVerdict],
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