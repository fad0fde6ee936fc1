import { FakeDiscord } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { freePort, ServiceProcess } from '../utils/service-process';
import { createTestDatabase } from '../utils/test-database';
import { discordEnv } from '../utils/test-discord';

jest.setTimeout(120_000);

/**
 * The real process (as `npm run dev` starts it) gets SIGTERM while its bot is still logging in, as
 * in a rolling deploy or a Ctrl-C right after start: it stops on its own, with exit code 0, well
 * within a shutdown grace, having closed its gateway socket itself. The fake gateway holds HELLO or READY back so the login is in progress.
 */
describe('SIGTERM while the bot logs in', () => {
  let fake: FakeDiscord;
  let database: { url: string; drop: () => Promise<void> };
  let service: ServiceProcess | undefined;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    database = await createTestDatabase();
  });
  afterEach(async () => {
    if (service && !service.exit) service.kill('SIGKILL');
    await service?.stopped().catch(() => undefined);
    service = undefined;
    await fake.close();
    await database.drop();
  });

  const startService = async () => {
    service = new ServiceProcess({ ...discordEnv(fake), DATABASE_URL: database.url, MIGRATE_ON_BOOT: 'false', PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn', KB_IMPORT_ON_EMPTY: 'false' });
    await service.ready();
    return service;
  };

  it('before HELLO: exits with code 0', async () => {
    fake.gateway.hold('hello');
    const running = await startService();
    await eventually(() => fake.gateway.connections === 1, 20_000, 'the gateway connection');
    running.kill('SIGTERM');
    // Generous: a guard against a hang only (it stops in about a second).
    expect(await running.stopped(30_000)).toEqual({ code: 0, signal: null });
    // The service closed its gateway socket itself (1000), rather than leaving it to its exit (1006).
    await eventually(() => fake.gateway.closeCodes.length === 1, 5000, 'the gateway socket to close');
    expect(fake.gateway.closeCodes).toEqual([1000]);
  });

  it('after IDENTIFY, before READY: exits with code 0', async () => {
    fake.gateway.hold('ready');
    const running = await startService();
    await fake.waitForGateway((payload) => payload.op === 2, 20_000);
    running.kill('SIGTERM');
    expect(await running.stopped(30_000)).toEqual({ code: 0, signal: null });
    await eventually(() => fake.gateway.closeCodes.length === 1, 5000, 'the gateway socket to close');
    expect(fake.gateway.closeCodes).toEqual([1000]);
  });
});
