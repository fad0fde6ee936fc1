import { FakeDiscord } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { createTestApp } from '../utils/test-app';
import { discordEnv } from '../utils/test-discord';

jest.setTimeout(120_000);
async function run(name: string, prepare: (d: FakeDiscord) => void, when: (d: FakeDiscord) => Promise<unknown>, env: (d: FakeDiscord) => Record<string, string> = () => ({})) {
  const discord = await FakeDiscord.start({ allowPrivilegedIntents: true });
  prepare(discord);
  const app = await createTestApp({ ...discordEnv(discord), ...env(discord) });
  await when(discord);
  const t0 = Date.now();
  const res = await Promise.race([app.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('HUNG'), 40_000))]);
  const took = Date.now() - t0;
  const conns = discord.gateway.connections;
  const open = discord.gateway.openSockets.size;
  discord.gateway.release('hello');
  discord.gateway.release('ready');
  await new Promise((r) => setTimeout(r, 3000));
  console.log(`${name}: ${res} in ${took} ms; open after close ${open}; conns ${conns} -> ${discord.gateway.connections}, open now ${discord.gateway.openSockets.size}, handles ${process.getActiveResourcesInfo().join(',')}`);
  await discord.close();
}
describe('repro', () => {
  it('gateway/bot slow', () => run('gateway-bot', (d) => d.setLatency(1500, { route: '/gateway/bot' }), (d) => d.waitFor((r) => r.route === '/gateway/bot').catch(() => new Promise((r) => setTimeout(r, 500)))));
  it('before HELLO', () => run('hello', (d) => d.gateway.hold('hello'), (d) => eventually(() => d.gateway.connections > 0, 10000)));
  it('before READY', () => run('ready', (d) => d.gateway.hold('ready'), (d) => d.waitForGateway((p) => p.op === 2, 10000)));
  it('staff check', () => run('staff', (d) => d.setLatency(3000, { route: '/channels/{channel_id}' }), (d) => d.whenIdentified(), (d) => ({ DISCORD_STAFF_CHANNEL_ID: d.channel('bug-report'), DISCORD_STAFF_ROLE_ID: d.guild.id })));
});
