import { Client } from 'discord.js';
import { FakeDiscord } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { createTestApp } from '../utils/test-app';
import { discordEnv } from '../utils/test-discord';

jest.setTimeout(60_000);
it('debug hello', async () => {
  const discord = await FakeDiscord.start();
  discord.gateway.hold(process.env.STAGE as 'hello');
  const app = await createTestApp({ ...discordEnv(discord) });
  const lines: string[] = [];
  const t0 = Date.now();
  app.app.get(Client).on('debug', (m) => lines.push(`${Date.now() - t0} ${m.split('\n')[0]}`));
  if (process.env.STAGE === 'hello') await eventually(() => discord.gateway.connections > 0, 10000);
  else await discord.waitForGateway((p) => p.op === 2, 10000);
  lines.push(`${Date.now() - t0} --- close`);
  await Promise.race([app.close(), new Promise((r) => setTimeout(r, 5000))]);
  lines.push(`${Date.now() - t0} --- after close`);
  await new Promise((r) => setTimeout(r, 1500));
  console.log(lines.join('\n'));
  await discord.close();
});
