import { APIApplicationCommand, ApplicationCommandType } from 'discord-api-types/v10';
import { snowflake } from './snowflake';

/** The application commands the bot registered: global ones and per guild (bulk overwrite replaces them). */
export class CommandRegistry {
  global: APIApplicationCommand[] = [];
  readonly guilds = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly applicationId: string) {}

  register(guildId: string | null, body: Record<string, any>[]): APIApplicationCommand[] {
    const registered = body.map((command) => ({
      ...command,
      id: snowflake(),
      application_id: this.applicationId,
      type: command.type ?? ApplicationCommandType.ChatInput,
      version: snowflake(),
      default_member_permissions: command.default_member_permissions ?? null,
      ...(guildId ? { guild_id: guildId } : {}),
    })) as APIApplicationCommand[];
    if (guildId) this.guilds.set(guildId, registered);
    else this.global = registered;
    return registered;
  }

  /** The command of that name (in the guild, else global); throws when the bot did not register it. */
  find(name: string, guildId?: string): APIApplicationCommand {
    const command = (guildId ? this.guilds.get(guildId) : undefined)?.find((c) => c.name === name) ?? this.global.find((c) => c.name === name);
    if (!command) throw new Error(`fake discord: /${name} is not registered (registered: ${this.names().join(', ') || 'none'})`);
    return command;
  }

  names(): string[] {
    return [...this.global, ...[...this.guilds.values()].flat()].map((c) => c.name);
  }
}
