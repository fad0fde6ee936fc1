import { ChannelType } from 'discord-api-types/v10';
import { Clock } from '../../src/common/clock';
import { snowflake } from '../fakes/discord';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

/** A server with an Announcement channel (type 5) and a plain text channel, with fixed ids so a restarted app finds them again. */
export function announcementServer() {
  return { guildId: snowflake(), announcementsId: snowflake(), newsTextId: snowflake(), generalId: snowflake(), lockedId: snowflake(), staffRoleId: snowflake() };
}
export type AnnouncementServer = ReturnType<typeof announcementServer>;

export interface AnnouncementTestApp extends DiscordTestApp {
  /** Moves the app's Clock forward (real time keeps flowing beneath it). */
  advance(ms: number): void;
}

/** The app logged in to a fake Discord holding `server`; ticks every 50 ms; `env` adds or overrides variables. */
export async function createAnnouncementTestApp(server: AnnouncementServer, env: Record<string, string> = {}): Promise<AnnouncementTestApp> {
  const t = await createDiscordTestApp(
    { DISCORD_ANNOUNCEMENT_CHANNEL_ID: server.announcementsId, ANNOUNCEMENT_TICK_MS: '50', QUEUE_RETRY_BASE_MS: '50', ...env },
    {
      guilds: [
        {
          id: server.guildId,
          roles: [{ id: server.staffRoleId, name: 'Staff' }],
          channels: [
            { id: server.generalId, name: 'general' },
            { id: server.announcementsId, name: 'announcements', type: ChannelType.GuildAnnouncement },
            { id: server.newsTextId, name: 'news', type: ChannelType.GuildText },
            // @everyone (the role whose id is the guild's) may not send here, the bot included.
            { id: server.lockedId, name: 'locked', permissionOverwrites: [{ id: server.guildId, type: 0, allow: '0', deny: String(1 << 11) }] },
          ],
        },
      ],
    },
  );
  let offset = 0;
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
  return { ...t, advance: (ms) => void (offset += ms) };
}

/** Manage Server (1 << 5) on top of the fake's plain-member permissions. */
export const MANAGE_GUILD = (1071698660929n | 32n).toString();
