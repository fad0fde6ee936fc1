import { randomBytes } from 'node:crypto';
import { ChannelType } from 'discord-api-types/v10';
import type { FakeGuild } from './payloads';
import { snowflake } from './snowflake';
import type { FakeDiscordOptions } from './types';

/** Shaped like a bot token (base64 id . timestamp . hmac) but random: never a real one. */
export function fakeBotToken(botId: string): string {
  return [Buffer.from(botId).toString('base64url'), randomBytes(4).toString('base64url'), randomBytes(27).toString('base64url')].join('.');
}

/** The guilds the fake serves, ids made up where not given; by default one community with its support channels. */
export function fakeGuilds(input: FakeDiscordOptions['guilds'] | undefined): FakeGuild[] {
  return (input ?? [{ name: 'Game Community', channels: [{ name: 'bug-report' }, { name: 'feature-request' }, { name: 'general' }] }]).map((g) => ({
    id: g.id ?? snowflake(),
    name: g.name ?? 'Game Community',
    locale: g.locale ?? 'en-US',
    roles: g.roles,
    channels: (g.channels ?? [{ name: 'general' }]).map((c) => ({ ...c, id: c.id ?? snowflake(), name: c.name, type: c.type ?? ChannelType.GuildText })),
  }));
}
