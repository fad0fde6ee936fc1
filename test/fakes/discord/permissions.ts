import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';

/**
 * Discord's permission computation ("Permissions" topic, "Permission Overwrites"): the base is
 * @everyone's bitfield OR the member's roles'; ADMINISTRATOR grants all; then the channel's
 * overwrites apply in order: @everyone (deny, allow), all the member's roles (deny, allow), the
 * member. A thread takes its parent channel's overwrites.
 */
export const EVERYONE_PERMISSIONS = 2248473465835073n;
const ALL = (1n << 53n) - 1n;

interface Overwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

export function permissionsIn(fake: FakeDiscord, channelId: string, userId: string, roleIds: string[]): bigint {
  const channel = fake.channels.get(channelId);
  if (!channel?.guildId) return ALL; // a DM: nothing to check
  const payload = channel.payload as { parent_id?: string | null; thread_metadata?: unknown; permission_overwrites?: Overwrite[] };
  const source = payload.thread_metadata && payload.parent_id ? (fake.channels.get(payload.parent_id)?.payload as typeof payload) : payload;
  const guild = fake.guilds.find((g) => g.id === channel.guildId)!;
  let permissions = EVERYONE_PERMISSIONS;
  for (const role of guild.roles ?? []) if (roleIds.includes(role.id)) permissions |= BigInt(role.permissions ?? '0');
  if (permissions & PermissionFlagsBits.Administrator) return ALL;
  const overwrites = source?.permission_overwrites ?? [];
  const apply = (list: Overwrite[]) => {
    const deny = list.reduce((bits, o) => bits | BigInt(o.deny), 0n);
    const allow = list.reduce((bits, o) => bits | BigInt(o.allow), 0n);
    permissions = (permissions & ~deny) | allow;
  };
  apply(overwrites.filter((o) => o.type === 0 && o.id === guild.id));
  apply(overwrites.filter((o) => o.type === 0 && roleIds.includes(o.id)));
  apply(overwrites.filter((o) => o.type === 1 && o.id === userId));
  return permissions;
}

/** The bot's roles in a guild (those marked `bot: true` in the fake's options). */
export function botRoles(fake: FakeDiscord, guildId: string): string[] {
  return (fake.guilds.find((g) => g.id === guildId)?.roles ?? []).filter((r) => r.bot).map((r) => r.id);
}

export function botCan(fake: FakeDiscord, channelId: string, ...flags: bigint[]): boolean {
  const channel = fake.channels.get(channelId);
  const granted = permissionsIn(fake, channelId, fake.botUser.id, channel?.guildId ? botRoles(fake, channel.guildId) : []);
  return flags.every((flag) => (granted & flag) === flag);
}
