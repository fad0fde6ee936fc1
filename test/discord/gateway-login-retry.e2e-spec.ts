import { FakeDiscord } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { expectServingAgain } from '../utils/gateway-session';
import { createTestApp, TestApp } from '../utils/test-app';
import { discordEnv } from '../utils/test-discord';

jest.setTimeout(60_000);

/**
 * A first login that failed is tried again with the same discord.js client: readiness says "ready"
 * once the new session is READY, and that session carries the bot's work. (Its own file: Necord
 * keeps the first app's handler instances for every later app of a process, so a second app in one
 * file would answer with a closed app's services.)
 */
describe('logging the bot in again after a failed first login', () => {
  let discord: FakeDiscord;
  let t: TestApp | undefined;

  beforeAll(async () => {
    discord = await FakeDiscord.start();
  });
  afterAll(async () => {
    await t?.close();
    await discord.close();
  });

  it('retries, reports ready on the new session and answers a command and a DM over it', async () => {
    // Discord refuses the gateway lookup once, as it does for a token it does not take (401).
    discord.failNext({ method: 'GET', route: '/gateway/bot' }, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    t = await createTestApp(discordEnv(discord));
    await eventually(() => discord.requestsTo('/gateway/bot', 'GET').some((r) => r.status === 401), 10_000, 'the refused login');
    await expectServingAgain(t, discord, 0);
  });
});
