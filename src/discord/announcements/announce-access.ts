import { GuildMember, PermissionFlagsBits, type Interaction } from 'discord.js';
import { DomainError } from '../../common/domain-error';

/** /announce is for members with Manage Server, or with one of DISCORD_ANNOUNCER_ROLE_IDS. */
export function assertMayAnnounce(interaction: Interaction, announcerRoleIds: string[]): void {
  if (!interaction.inGuild()) throw new DomainError('guild_only', 400, 'Use /announce in the server, not in a direct message.');
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return;
  const member = interaction.member;
  const roles: string[] = member instanceof GuildMember ? [...member.roles.cache.keys()] : Array.isArray(member?.roles) ? member.roles : [];
  if (announcerRoleIds.some((id) => roles.includes(id))) return;
  throw DomainError.forbidden('Only members with Manage Server or an announcer role can post announcements.');
}
