import { Logger } from '@nestjs/common';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { FakeDiscord, GuildMessages, snowflake, ThreadPayload } from '../fakes/discord';
import type { FakeGuildChannel } from '../fakes/discord/payloads';
import { Role } from '../../src/generated/prisma/enums';
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
  /** Permissions @everyone is denied in the staff channel (an overwrite). */
  denyEveryone?: bigint;
  /** Point DISCORD_STAFF_CHANNEL_ID somewhere else (a missing channel). */
  staffChannelId?: string;
  env?: Record<string, string>;
}

/** The app with the Discord staff desk on (no Flex), against a fake guild with a staff role and channel. */
export async function createStaffDeskApp(options: StaffDeskOptions = {}): Promise<StaffDeskTestApp> {
  const staffRoleId = snowflake();
  const guildId = snowflake();
  const overwrites = options.denyEveryone ? [{ id: guildId, type: 0 as const, allow: '0', deny: String(options.denyEveryone) }] : [];
  const botPermissions = options.botPermissions ?? PermissionFlagsBits.ManageThreads;
  const app = await createDiscordTestApp(
    (fake: FakeDiscord) => ({ DISCORD_STAFF_CHANNEL_ID: options.staffChannelId ?? fake.channel('staff-desk'), DISCORD_STAFF_ROLE_ID: staffRoleId, ...options.env }),
    {
      // The staff desk reads thread messages: MESSAGE_CONTENT is switched on for this bot.
      allowPrivilegedIntents: true,
      guilds: [
        {
          id: guildId,
          name: 'Game Community',
          roles: [
            { id: staffRoleId, name: 'Staff' },
            { id: snowflake(), name: 'Support Bot', permissions: String(botPermissions), bot: true },
          ],
          channels: [{ name: 'general' }, { name: 'staff-desk', permissionOverwrites: overwrites, ...options.channel }],
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

/** The start-up check's lines (spy on Logger.prototype.error before the app starts). */
export const staffDeskLines = (error: jest.SpyInstance) => error.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('the staff desk is off'));

export const spyOnErrors = () => jest.spyOn(Logger.prototype, 'error');

/** A player asks for a person; with the desk unusable the chat waits in the REST queue, nothing lost. */
export async function askForPersonFallsBack(t: StaffDeskTestApp, player: APIUser): Promise<void> {
  t.discord.dispatchMessage({ user: player, content: 'I want to talk to a human' });
  await t.dmContaining(player, 'has been created for you');
  await eventually(async () => (await t.prisma.conversation.findFirst({ where: { playerId: player.id } }))?.platform === 'leads', 8000, 'the fallback to the REST queue');
  const queue = await t.request({ method: 'GET', url: '/api/conversations', headers: await t.keyFor(Role.AGENT) });
  expect(queue.json().some((c: { player: { id: string }; mode: string }) => c.player.id === player.id && c.mode === 'AGENT_REQUESTED')).toBe(true);
  t.discord.dispatchMessage({ user: player, content: 'still there?' });
  await eventually(() => t.prisma.message.findFirst({ where: { body: 'still there?' } }), 5000, 'the stored follow-up');
}
