import {
  APIAttachment,
  APIDMChannel,
  APIGuildMember,
  APIMessage,
  APIUser,
  ChannelFlags,
  ChannelType,
  GuildMemberFlags,
  MessageType,
} from 'discord-api-types/v10';
import { snowflake } from './snowflake';

/**
 * Builders for the objects Discord sends, shaped like discord-api-types' v10 API types with the
 * fields discord.js reads. Kept apart from the server so tests can build expectations with them.
 */

export interface FakeUserInput {
  id?: string;
  username?: string;
  globalName?: string | null;
  bot?: boolean;
}

export function apiUser(input: FakeUserInput = {}): APIUser {
  const id = input.id ?? snowflake();
  return {
    id,
    username: input.username ?? `player_${id.slice(-5)}`,
    discriminator: '0',
    global_name: input.globalName === undefined ? null : input.globalName,
    avatar: null,
    ...(input.bot ? { bot: true } : {}),
  };
}

export interface FakeGuildChannel {
  id: string;
  name: string;
  /** GUILD_TEXT (0) or GUILD_ANNOUNCEMENT (5): "a channel that users can follow and crosspost into their own server" (openapi.json, ChannelTypes). */
  type: ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildForum;
  /** GUILD_FORUM (15) only: its tags (ForumTagResponse in openapi.json). */
  availableTags?: { id: string; name: string; moderated: boolean; emoji_id: string | null; emoji_name: string | null }[];
  /** Channel permission overwrites as Discord sends them (type 0 = role, 1 = member; allow/deny bitfields). */
  permissionOverwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
}

export interface FakeGuild {
  id: string;
  name: string;
  /** The guild's preferred locale, e.g. "en-US"; interactions carry it as guild_locale. */
  locale: string;
  channels: FakeGuildChannel[];
  /** Roles besides @everyone (no permissions of their own), e.g. a staff role members can hold. */
  roles?: FakeRole[];
}

/** A guild role; `permissions` is its bitfield (default none), `bot` gives it to the bot's member. */
export interface FakeRole {
  id: string;
  name: string;
  permissions?: string;
  bot?: boolean;
}

export function guildChannelPayload(guild: FakeGuild, channel: FakeGuildChannel, position = 0) {
  return {
    id: channel.id,
    type: channel.type,
    guild_id: guild.id,
    name: channel.name,
    position,
    permission_overwrites: channel.permissionOverwrites ?? [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    ...(channel.type === ChannelType.GuildForum
      ? { available_tags: channel.availableTags ?? [], default_reaction_emoji: null, default_thread_rate_limit_per_user: 0, default_sort_order: null, default_forum_layout: 0 }
      : {}),
  };
}

export function dmChannelPayload(channelId: string, recipient: APIUser): APIDMChannel {
  return { id: channelId, type: ChannelType.DM, name: null, last_message_id: null, recipients: [recipient], flags: 0 as ChannelFlags };
}

/** GUILD_CREATE as Discord sends it after READY (members/presences empty: no privileged intents). */
export function guildCreatePayload(guild: FakeGuild, botUser: APIUser, joinedAt: string) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: snowflake(),
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      { id: guild.id, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: '2248473465835073', managed: false, mentionable: false, flags: 0 },
      ...(guild.roles ?? []).map((role, index) => ({ id: role.id, name: role.name, color: 0, hoist: false, icon: null, unicode_emoji: null, position: index + 1, permissions: role.permissions ?? '0', managed: false, mentionable: true, flags: 0 })),
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.locale,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: joinedAt,
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ user: botUser, roles: (guild.roles ?? []).filter((r) => r.bot).map((r) => r.id), joined_at: joinedAt, deaf: false, mute: false, flags: 0 }],
    channels: guild.channels.map((channel, index) => guildChannelPayload(guild, channel, index)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function guildMember(user: APIUser, joinedAt: string): APIGuildMember {
  return {
    user,
    nick: null,
    avatar: null,
    roles: [],
    joined_at: joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A message object as Discord returns it from REST or sends it in MESSAGE_CREATE. */
export function messagePayload(input: {
  id?: string;
  channelId: string;
  author: APIUser;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  attachments?: APIAttachment[];
  flags?: number;
  type?: MessageType;
  guildId?: string;
  webhookId?: string;
  applicationId?: string;
  /** Echoed back as Discord does when the create request carried one. */
  nonce?: string | number;
}): APIMessage {
  return {
    id: input.id ?? snowflake(),
    channel_id: input.channelId,
    author: input.author,
    content: input.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: input.attachments ?? [],
    embeds: (input.embeds ?? []) as APIMessage['embeds'],
    components: (input.components ?? []) as APIMessage['components'],
    pinned: false,
    type: input.type ?? MessageType.Default,
    flags: input.flags ?? 0,
    ...(input.guildId ? { guild_id: input.guildId } : {}),
    ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
    ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
  } as APIMessage;
}
