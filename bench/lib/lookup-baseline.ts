import { Twilio } from 'twilio';
import { PrismaService } from '../../src/database/prisma.service';
import { RoutedRequestClient } from '../../src/flex/twilio-http';
import type { FakeTwilio } from '../../test/fakes/twilio/fake-twilio';
import { mapLimit } from './concurrency';
import { startDelayProxy } from './delay-proxy';
import type { SeededConversation } from './ingest-seed';
import { fmt, ScenarioReport, Table } from './report';
import type { RunningService } from './service';
import { percentile } from './stats';

export const BASELINE_TITLE = "The seed's Twilio lookup per agent message vs our Postgres mapping";
export const BASELINE_TARGETS = ['the added latency of fetching the conversation from Twilio (50 ms round trip) for every agent message, against the Postgres mapping'];

/** The seed's way (a Twilio fetch per message) beside ours (the Postgres mapping), one lookup at a time. */
export async function baseline(options: { twilioRttMs: number; baselineSamples: number }, service: RunningService, twilio: FakeTwilio, conversations: SeededConversation[]): Promise<ScenarioReport> {
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
