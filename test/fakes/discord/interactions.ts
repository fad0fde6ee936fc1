import { randomBytes } from 'node:crypto';
import { APIAttachment, APIUser, ApplicationCommandOptionType, ApplicationCommandType, ComponentType, InteractionType } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';
import { guildMember, messagePayload } from './payloads';
import { snowflake } from './snowflake';
import type { ButtonInput, InteractionPayload, ModalSubmitInput, SlashCommandInput } from './types';

/** INTERACTION_CREATE payloads as Discord builds them: slash commands (with subcommands), button clicks, modal submits. */
/** An INTERACTION_CREATE payload for a slash command, with option types taken from the registered command. */
export function slashCommandPayload(fake: FakeDiscord, input: SlashCommandInput): InteractionPayload {
  const guildId = input.inDm ? undefined : (input.guildId ?? fake.guild.id);
  const command = fake.registeredCommand(input.name, guildId);
  const sub = input.subcommand ? (command.options?.find((o) => o.name === input.subcommand && o.type === ApplicationCommandOptionType.Subcommand) as { options?: { name: string; type: number }[] } | undefined) : undefined;
  if (input.subcommand && !sub) throw new Error(`fake discord: /${input.name} has no subcommand "${input.subcommand}"`);
  const definitions = (sub ? sub.options : command.options) as { name: string; type: number }[] | undefined;
  let options: Record<string, unknown>[] = [];
  const attachments: Record<string, APIAttachment> = {};
  for (const [name, value] of Object.entries(input.options ?? {})) {
    if (value === undefined) continue;
    const definition = definitions?.find((o) => o.name === name);
    if (!definition) throw new Error(`fake discord: /${input.name} has no option "${name}"`);
    if (definition.type === ApplicationCommandOptionType.Attachment) {
      const attachment = value as APIAttachment;
      attachments[attachment.id] = attachment;
      options.push({ name, type: definition.type, value: attachment.id });
    } else {
      options.push({ name, type: definition.type, value });
    }
  }
  if (sub) options = [{ name: input.subcommand, type: ApplicationCommandOptionType.Subcommand, options }];
  const data = {
    id: command.id,
    name: command.name,
    type: ApplicationCommandType.ChatInput,
    ...(options.length ? { options } : {}),
    ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return interactionPayload(fake, InteractionType.ApplicationCommand, data, input);
}

/** An INTERACTION_CREATE payload for a click on a button the bot sent. */
export function buttonPayload(fake: FakeDiscord, input: ButtonInput): InteractionPayload {
  const channelId = input.message?.channel_id ?? input.channelId ?? fake.dmChannelFor(input.user.id).payload.id;
  const guildId = input.guildId ?? fake.channels.get(channelId)?.guildId;
  const message = input.message ?? messagePayload({ channelId, author: fake.botUser, content: '', guildId });
  const payload: InteractionPayload = interactionPayload(fake, 
    InteractionType.MessageComponent,
    { custom_id: input.customId, component_type: ComponentType.Button },
    { user: input.user, locale: input.locale, guildId, channelId, inDm: !guildId, permissions: input.permissions, roles: input.roles },
  );
  payload.message = message;
  return payload;
}

/** An INTERACTION_CREATE payload for a submitted modal (type 5): one action row per text input. */
export function modalSubmitPayload(fake: FakeDiscord, input: ModalSubmitInput): InteractionPayload {
  const components = Object.entries(input.values).map(([customId, value]) => ({
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
  }));
  return interactionPayload(fake, InteractionType.ModalSubmit, { custom_id: input.customId, components }, input);
}

function interactionPayload(
fake: FakeDiscord,
  type: InteractionType,
  data: Record<string, unknown>,
  input: { user: APIUser; locale?: string; guildId?: string; channelId?: string; inDm?: boolean; permissions?: string; roles?: string[] },
): InteractionPayload {
  fake.users.set(input.user.id, input.user);
  const token = `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
  const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
  const common = {
    id: snowflake(),
    application_id: fake.applicationId,
    type,
    data,
    token,
    version: 1,
    locale: input.locale ?? 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
  };
  if (input.inDm) {
    const channel = fake.dmChannelFor(input.user.id);
    return { ...common, channel_id: channel.payload.id, channel: channel.payload, user: input.user, context: 1, authorizing_integration_owners: { '0': fake.guild.id } };
  }
  const guild = fake.guilds.find((g) => g.id === (input.guildId ?? fake.guild.id));
  if (!guild) throw new Error(`fake discord: unknown guild ${input.guildId}`);
  const channelId = input.channelId ?? guild.channels[0].id;
  const channel = fake.channels.get(channelId);
  if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
  return {
    ...common,
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.locale, features: [] },
    guild_locale: guild.locale,
    channel_id: channelId,
    channel: channel.payload,
    member: { ...guildMember(input.user, joinedAt), roles: input.roles ?? [], permissions: input.permissions ?? '1071698660929' },
    context: 0,
    authorizing_integration_owners: { '0': guild.id },
  };
}
