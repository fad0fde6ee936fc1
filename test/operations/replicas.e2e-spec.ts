import { FakeDiscord } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { freePort, ServiceProcess } from '../utils/service-process';
import { createTestDatabase } from '../utils/test-database';
import { discordEnv } from '../utils/test-discord';

jest.setTimeout(180_000);

const KEY = 'replica-test-bootstrap-key-0123456789abcdef';

/**
 * Two service processes on one database and one (fake) Discord: both serve HTTP, one holds the
 * gateway session, killing it moves the gateway to the other within 10 s, and a DM sent after the
 * takeover is answered exactly once. The per-key rate limit counts across both.
 */
describe('two replicas on one database', () => {
  let fake: FakeDiscord;
  let database: { url: string; drop: () => Promise<void> };
  const replicas: ServiceProcess[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
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

  it('only one holds the gateway; killing it moves the gateway to the other within 10 s, and a DM is answered once', async () => {
    await eventually(async () => {
      const roles = await Promise.all(replicas.map(gatewayOf));
      return roles.includes('ready') && roles.includes('follower') ? roles : undefined;
    }, 30_000, 'one leader and one follower');
    expect(fake.liveSessionCount()).toBe(1);
    const roles = await Promise.all(replicas.map(gatewayOf));
    const leader = replicas[roles.indexOf('ready')];
    const follower = replicas[roles.indexOf('follower')];

    leader.kill('SIGKILL');
    const killedAt = Date.now();
    await leader.stopped();
    await eventually(async () => ((await gatewayOf(follower)) === 'ready' && fake.liveSessionCount() === 1 ? true : undefined), 10_000, 'the follower on the gateway');
    expect(Date.now() - killedAt).toBeLessThan(10_000);

    const player = fake.user({ username: 'after-takeover' });
    fake.dispatchMessage({ user: player, content: 'how do I reset my password' });
    const answers = () => fake.dmMessages(player.id).filter((m) => m.author.id === fake.botUser.id);
    await eventually(() => (answers().length > 0 ? true : undefined), 15_000, 'the bot answering the DM');
    // Nothing else arrives for the same DM (no second replica handling it).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(answers()).toHaveLength(1);
  });
});
