import { Client } from 'discord.js';
import { FakeDiscord } from '../fakes/discord';
import { eventually } from './eventually';
import { TestApp } from './test-app';

/** The app's readiness for its Discord gateway session ("ready", "connecting", "follower"). */
export async function gatewayReadiness(t: TestApp): Promise<string | undefined> {
  return (await t.request({ method: 'GET', url: '/health/ready' })).json<{ discordGateway?: string }>().discordGateway;
}

/** How many IDENTIFYs the fake gateway has received (one per new session). */
export const identifyCount = (discord: FakeDiscord) => discord.gatewayPayloads.filter((p) => p.op === 2).length;

/**
 * After a new login of the same client: readiness says "ready" only once the new session's IDENTIFY
 * was answered, and a slash command and a DM are handled over it.
 */
export async function expectServingAgain(t: TestApp, discord: FakeDiscord, identifiesBefore: number): Promise<void> {
  await eventually(async () => (await gatewayReadiness(t)) === 'ready', 20_000, 'readiness to say ready again');
  expect(identifyCount(discord)).toBe(identifiesBefore + 1);
  expect(t.app.get(Client).isReady()).toBe(true);
  await discord.waitForCommands();
  const player = discord.user();
  const reply = await discord.waitForReply(discord.dispatchInteraction(discord.slashCommand({ name: 'helpme', user: player })));
  expect(reply.message.content).toBe("I've sent you a direct message. Let's continue there!");
  const fromBot = () => discord.dmMessages(player.id).filter((m) => m.author.id === discord.botUser.id);
  const before = fromBot().length;
  discord.dispatchMessage({ user: player, content: 'hello' });
  await eventually(() => fromBot().length > before, 10_000, 'the bot to answer the DM');
}
