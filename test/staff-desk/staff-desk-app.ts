import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { FakeDiscord, GuildMessages, snowflake, ThreadPayload } from '../fakes/discord';
import type { FakeGuildChannel } from '../fakes/discord/payloads';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

export interface StaffDeskTestApp extends DiscordTestApp {
  staffRoleId: string;
  staffChannelId: string;
  guild: GuildMessages;
  /** Messages the bot sent to a player's DM. */
  dms(user: APIUser): APIMessage[];
  dmContaining(user: APIUser, text: string): Promise<APIMessage>;
  /** The n-th thread (0 = first) opened in the staff channel. */
  thread(n?: number): Promise<ThreadPayload>;
  threadMessageContaining(threadId: string, text: string): Promise<APIMessage>;
}

export interface StaffDeskOptions {
  /** The staff channel's type and overwrites (default: a text channel, no overwrites). */
  channel?: Partial<FakeGuildChannel>;
  /** The bot's own role's permissions (default: Manage Threads, which locking needs). */
  botPermissions?: bigint;
  /** Point DISCORD_STAFF_CHANNEL_ID somewhere else (a missing channel). */
  staffChannelId?: string;
  env?: Record<string, string>;
}

/** The app with the Discord staff desk on (no Flex), against a fake guild with a staff role and channel. */
export async function createStaffDeskApp(options: StaffDeskOptions = {}): Promise<StaffDeskTestApp> {
  const staffRoleId = snowflake();
  const botPermissions = options.botPermissions ?? PermissionFlagsBits.ManageThreads;
  const app = await createDiscordTestApp(
    (fake: FakeDiscord) => ({ DISCORD_STAFF_CHANNEL_ID: options.staffChannelId ?? fake.channel('staff-desk'), DISCORD_STAFF_ROLE_ID: staffRoleId, ...options.env }),
    {
      // The staff desk reads thread messages: MESSAGE_CONTENT is switched on for this bot.
      allowPrivilegedIntents: true,
      guilds: [
        {
          name: 'Game Community',
          roles: [
            { id: staffRoleId, name: 'Staff' },
            { id: snowflake(), name: 'Support Bot', permissions: String(botPermissions), bot: true },
          ],
          channels: [{ name: 'general' }, { name: 'staff-desk', ...options.channel }],
        },
      ],
    },
  );
  const guild = new GuildMessages(app.discord);
  const staffChannelId = app.discord.channel('staff-desk');
  const dms = (user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);
  return {
    ...app,
    staffRoleId,
    staffChannelId,
    guild,
    dms,
    dmContaining: (user, text) => eventually(() => dms(user).find((m) => m.content.includes(text)), 8000, `a DM with "${text}"`) as Promise<APIMessage>,
    thread: (n = 0) => eventually(() => guild.threadsIn(staffChannelId)[n], 8000, `staff thread #${n}`),
    threadMessageContaining: (threadId, text) =>
      eventually(() => guild.messages(threadId).find((m) => m.content.includes(text)), 8000, `a thread message with "${text}"`) as Promise<APIMessage>,
  };
}
