import { APIUser, GatewayOpcodes } from 'discord-api-types/v10';
import { FakeDiscord, InteractionPayload } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { freePort, ServiceProcess } from '../utils/service-process';
import { createTestDatabase } from '../utils/test-database';
import { discordEnv } from '../utils/test-discord';
import { busiestSecond, countsGlobally, discordCallsOf, insertLeadKey, insertNotifiedVoters } from './replica-helpers';

jest.setTimeout(180_000);

const KEY = 'replica-test-bootstrap-key-0123456789abcdef';
const METRICS_TOKEN = 'replica-test-metrics-token-0123456789';
const VOTERS_PER_REPORT = 60;

/**
 * Two service processes on one database and one (fake) Discord: both serve HTTP, one holds the
 * gateway session, killing it moves the gateway to the other within 10 s, and slash commands and
 * DMs around the takeover are handled exactly once when Discord delivers them. The per-key rate
 * limit and Discord's global REST limit (enforced by the fake, 50/s per bot) hold across both.
 */
describe('two replicas on one database', () => {
  let fake: FakeDiscord;
  let database: { url: string; drop: () => Promise<void> };
  const replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    // Discord's global limit per bot token, whichever process sends ("Rate Limits" → Global Rate Limit).
    fake.setGlobalRateLimit(50);
    database = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      const env = {
        ...discordEnv(fake),
        DATABASE_URL: database.url,
        MIGRATE_ON_BOOT: 'false',
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        BOOTSTRAP_API_KEY: KEY,
        RATE_LIMIT_PER_MINUTE: '6',
        KB_IMPORT_ON_EMPTY: 'false',
        METRICS_TOKEN,
      };
      replicas.push(new ServiceProcess(env));
    }
    await Promise.all(replicas.map((r) => r.ready()));
  });
  afterAll(async () => {
    for (const replica of replicas) await replica.terminate().catch(() => undefined);
    await fake?.close();
    await database?.drop();
  });

  const gatewayOf = async (replica: ServiceProcess) => ((await replica.readiness()).body as { discordGateway?: string }).discordGateway;

  it('both answer HTTP; the rate limit of one key holds across them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${replicas[i % 2].url}/api/cases`, { headers: { authorization: `Bearer ${KEY}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('keeps both replicas\' Discord REST calls within 50 per second together: no global 429, every DM sent once', async () => {
    const lead = await insertLeadKey(database.url, 'burst-lead');
    const api = (replica: ServiceProcess, path: string, method: string, body: unknown) =>
      fetch(`${replica.url}${path}`, { method, headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const voters: APIUser[][] = [];
    const numbers: number[] = [];
    for (const replica of replicas) {
      const created = await api(replica, '/api/cases', 'POST', { type: 'BUG', title: 'Crash on the login screen', description: 'The game closes after the logo.' });
      expect(created.status).toBe(201);
      const number = ((await created.json()) as { number: number }).number;
      const users = Array.from({ length: VOTERS_PER_REPORT }, () => fake.user());
      await insertNotifiedVoters(database.url, number, users.map((u) => u.id));
      numbers.push(number);
      voters.push(users);
    }
    const callsBefore = await Promise.all(replicas.map((r) => discordCallsOf(r.url, METRICS_TOKEN)));
    const from = fake.requests.length;

    // Each replica resolves one report: 60 "resolved" DMs each are queued, both workers send.
    const resolved = await Promise.all(replicas.map((replica, i) => api(replica, `/api/cases/${numbers[i]}`, 'PATCH', { status: 'RESOLVED' })));
    expect(resolved.map((r) => r.status)).toEqual([200, 200]);
    const everyone = voters.flat();
    const botDmsTo = (user: APIUser) => fake.dmMessages(user.id).filter((m) => m.author.id === fake.botUser.id);
    await eventually(() => everyone.every((u) => botDmsTo(u).length > 0), 90_000, 'a DM to every voter');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    for (const [i, users] of voters.entries()) {
      for (const user of users) expect(botDmsTo(user).map((m) => m.content)).toEqual([expect.stringContaining(`#${numbers[i]}`)]);
    }
    const burst = fake.requests.slice(from).filter(countsGlobally);
    expect(burst.length).toBeGreaterThanOrEqual(2 * everyone.length);
    expect(burst.filter((r) => r.status === 429)).toEqual([]);
    expect(busiestSecond(burst)).toBeLessThanOrEqual(50);
    // Both processes sent part of the burst (each replica counts its own calls).
    const callsAfter = await Promise.all(replicas.map((r) => discordCallsOf(r.url, METRICS_TOKEN)));
    expect(callsAfter[0]).toBeGreaterThan(callsBefore[0]);
    expect(callsAfter[1]).toBeGreaterThan(callsBefore[1]);
  });

  it('only one holds the gateway; killing it moves the gateway to the other within 10 s; commands and DMs Discord delivers are handled once', async () => {
    await eventually(async () => {
      const roles = await Promise.all(replicas.map(gatewayOf));
      return roles.includes('ready') && roles.includes('follower') ? roles : undefined;
    }, 30_000, 'one leader and one follower');
    expect(fake.liveSessionCount()).toBe(1);
    const roles = await Promise.all(replicas.map(gatewayOf));
    const leader = replicas[roles.indexOf('ready')];
    const follower = replicas[roles.indexOf('follower')];
    const callbacksOf = (interaction: InteractionPayload) => fake.requestsTo('/interactions/{interaction_id}/{interaction_token}/callback', 'POST').filter((r) => r.params.interaction_token === interaction.token);
    const botDmsTo = (user: APIUser) => fake.dmMessages(user.id).filter((m) => m.author.id === fake.botUser.id);
    const helpme = (user: APIUser) => fake.dispatchInteraction(fake.slashCommand({ name: 'helpme', user, locale: 'en-US' }));

    // A dropped connection: Discord keeps the session's events and replays them on RESUME.
    const resumedPlayer = fake.user({ username: 'during-resume' });
    const resumes = fake.gatewayPayloads.filter((p) => p.op === GatewayOpcodes.Resume).length;
    fake.dropGateway();
    expect(fake.liveSessionCount()).toBe(0);
    const duringResume = helpme(resumedPlayer);
    await fake.waitForGateway(() => fake.gatewayPayloads.filter((p) => p.op === GatewayOpcodes.Resume).length > resumes, 10_000);
    await fake.waitForReply(duringResume, 10_000);

    leader.kill('SIGKILL');
    const killedAt = Date.now();
    await leader.stopped();
    await eventually(() => fake.liveSessionCount() === 0, 5000, 'the killed leader\'s socket to close');
    // Sent while no replica holds the gateway: Discord does not replay it to a NEW session, so
    // nobody answers and the player sees "The application did not respond" after 3 s.
    const lostPlayer = fake.user({ username: 'during-handover' });
    expect(fake.liveSessionCount()).toBe(0);
    const duringHandover = helpme(lostPlayer);
    await eventually(async () => ((await gatewayOf(follower)) === 'ready' && fake.liveSessionCount() === 1 ? true : undefined), 10_000, 'the follower on the gateway');
    expect(Date.now() - killedAt).toBeLessThan(10_000);

    const newPlayer = fake.user({ username: 'after-takeover' });
    const afterTakeover = helpme(newPlayer);
    await fake.waitForReply(afterTakeover, 10_000);
    fake.dispatchMessage({ user: newPlayer, content: 'how do I reset my password' });
    // The greeting of /helpme, then the answer to the DM.
    await eventually(() => (botDmsTo(newPlayer).length >= 2 ? true : undefined), 15_000, 'the bot answering the DM');
    // Nothing else arrives (no second replica handling anything), and the lost command stays lost.
    await new Promise((resolve) => setTimeout(resolve, Math.max(1500, fake.options.interactionTimeoutMs + 500 - (Date.now() - killedAt))));
    expect(callbacksOf(duringResume)).toHaveLength(1);
    expect(callbacksOf(afterTakeover)).toHaveLength(1);
    expect(botDmsTo(resumedPlayer)).toHaveLength(1);
    expect(botDmsTo(newPlayer)).toHaveLength(2);
    expect(callbacksOf(duringHandover)).toHaveLength(0);
    expect(botDmsTo(lostPlayer)).toHaveLength(0);
  });
});
