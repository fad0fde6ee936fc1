import { ConfigValidationError, loadConfig } from '../config/app-config';

describe('Discord configuration', () => {
  it('defaults to the bot off, Discord API, any channel and 8 MiB screenshots', () => {
    const config = loadConfig({});
    expect(config.DISCORD_TOKEN).toBeUndefined();
    expect(config.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(config.DISCORD_BUG_CHANNEL_IDS).toEqual([]);
    expect(config.DISCORD_FEATURE_CHANNEL_IDS).toEqual([]);
    expect(config.DISCORD_ATTACHMENT_MAX_BYTES).toBe(8 * 1024 * 1024);
  });

  it('reads comma-separated channel lists', () => {
    const config = loadConfig({ DISCORD_BUG_CHANNEL_IDS: '123456789012345678, 223456789012345678,', DISCORD_FEATURE_CHANNEL_IDS: '' });
    expect(config.DISCORD_BUG_CHANNEL_IDS).toEqual(['123456789012345678', '223456789012345678']);
    expect(config.DISCORD_FEATURE_CHANNEL_IDS).toEqual([]);
  });

  it('names each bad Discord variable', () => {
    let error: unknown;
    try {
      loadConfig({ DISCORD_TOKEN: 'client-secret-without-dots', DISCORD_BUG_CHANNEL_IDS: '12,abc', DISCORD_DEV_GUILD_ID: 'guild', DISCORD_API_URL: 'discord.com' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    for (const name of ['DISCORD_TOKEN', 'DISCORD_BUG_CHANNEL_IDS', 'DISCORD_DEV_GUILD_ID', 'DISCORD_API_URL']) expect(message).toContain(`${name}=`);
    expect(message).toContain('not the client secret');
  });
});
