import { GuildMember, type Interaction, type Message } from 'discord.js';
import { DomainError } from '../../common/domain-error';

/** A staff member as the desk knows them: id, and their display name in the server. */
export interface StaffMember {
  id: string;
  name: string;
}

/** The case history's actor for a staff member: `discord-staff:<name>`. */
export const staffActor = (member: StaffMember) => `discord-staff:${member.name}`.slice(0, 90);

function rolesOf(member: GuildMember | { roles: string[] } | null | undefined): string[] {
  if (member instanceof GuildMember) return [...member.roles.cache.keys()];
  return Array.isArray(member?.roles) ? member.roles : [];
}

/** The author of a thread message, when they hold the staff role; null for anyone else. */
export function staffAuthor(message: Message, roleId: string): StaffMember | null {
  if (!message.member || !rolesOf(message.member).includes(roleId)) return null;
  return { id: message.author.id, name: message.member.displayName };
}

/** The member behind a button or command, who must hold the staff role. */
export function assertStaff(interaction: Interaction, roleId: string): StaffMember {
  if (!interaction.inGuild()) throw new DomainError('guild_only', 400, 'Use this in a staff thread.');
  const member = interaction.member;
  if (!rolesOf(member as GuildMember).includes(roleId)) throw DomainError.forbidden('Only members with the staff role can do this.');
  const name = member instanceof GuildMember ? member.displayName : (member.nick ?? interaction.user.globalName ?? interaction.user.username);
  return { id: interaction.user.id, name };
}
