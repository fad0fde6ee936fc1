import { FakeDiscord, FakeDiscordOptions } from '../fakes/discord';
import { createTestApp, TestApp } from './test-app';

/** The configuration that points the app's discord.js at the fake (dummy token, fake REST base). */
export function discordEnv(fake: FakeDiscord, options: { devGuild?: boolean } = {}): Record<string, string> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.restUrl,
    DISCORD_APPLICATION_ID: fake.applicationId,
    ...(options.devGuild === false ? {} : { DISCORD_DEV_GUILD_ID: fake.guild.id }),
  };
}

export interface DiscordTestApp extends TestApp {
  discord: FakeDiscord;
}

/**
 * Starts the fake Discord, then the app logged in to it; resolves once the bot is READY and its
 * slash commands are registered. `close()` stops the app (client.destroy) before the fake.
 */
export async function createDiscordTestApp(
  env: Record<string, string> | ((fake: FakeDiscord) => Record<string, string>) = {},
  fakeOptions: Partial<FakeDiscordOptions> & { devGuild?: boolean } = {},
): Promise<DiscordTestApp> {
  const { devGuild, ...options } = fakeOptions;
  const discord = await FakeDiscord.start(options);
  let app: TestApp;
  try {
    app = await createTestApp({ ...discordEnv(discord, { devGuild }), ...(typeof env === 'function' ? env(discord) : env) });
  } catch (error) {
    await discord.close();
    throw error;
  }
  await discord.waitForCommands();
  return {
    ...app,
    discord,
    close: async () => {
      try {
        await app.close();
      } finally {
        await discord.close();
      }
    },
  };
}
