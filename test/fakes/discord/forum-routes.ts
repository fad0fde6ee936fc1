import { APIMessage, ChannelType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeChannelState, FakeDiscord } from './fake-discord';
import { discordError } from './http';
import { messagePayload } from './payloads';
import type { Route, RouteResult } from './rest-routes';
import { snowflake } from './snowflake';

/**
 * Forum channels (GUILD_FORUM, type 15) and their posts, as in Discord's OpenAPI document
 * (specs/discord/openapi.json):
 * - `update_channel` (PATCH /channels/{channel_id}): a forum's `available_tags` (UpdateThreadTagRequest:
 *   a tag without an id is created, at most 20), needing Manage Channels; a thread's `applied_tags`
 *   (at most 5, each one of the parent forum's tags), `archived` and `locked` (UpdateThreadRequestPartial;
 *   locking needs Manage Threads, archiving one's own post does not);
 * - `create_thread` (POST /channels/{channel_id}/threads) in a forum: CreateForumThreadRequest
 *   (`name` ≤ 100, `message` required, `applied_tags`), needing Send Messages; the post is a public
 *   thread (type 11) whose starter message has the thread's id, returned with the thread as `message`;
 * - `get_active_guild_threads` (GET /guilds/{guild_id}/threads/active): { threads, members }.
 * Permissions are the @everyone role's with the channel's overwrites (role @everyone, then the bot member).
 */
const fail = (status: number, code: number, message: string, errors?: unknown): RouteResult => ({ status, body: discordError(code, message, errors) });
const ok = (body: unknown): RouteResult => ({ status: 200, body });
const unknownChannel = () => fail(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
const missingPermissions = () => fail(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
const invalid = (field: string, message: string) => fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', { [field]: { _errors: [{ code: 'BASE_TYPE_INVALID', message }] } });

/** The @everyone role's permissions in the fake's GUILD_CREATE. */
const EVERYONE = 2248473465835073n;

export function botPermissions(fake: FakeDiscord, channel: FakeChannelState): bigint {
  let permissions = EVERYONE;
  const overwrites = ((channel.payload as { permission_overwrites?: { id: string; type: number; allow: string; deny: string }[] }).permission_overwrites ?? []);
  for (const id of [channel.guildId, fake.botUser.id]) {
    const overwrite = overwrites.find((o) => o.id === id);
    if (overwrite) permissions = (permissions & ~BigInt(overwrite.deny)) | BigInt(overwrite.allow);
  }
  return permissions;
}

type Payload = Record<string, any>;

export function forumRoutes(fake: FakeDiscord): Route[] {
  const isForum = (channel: FakeChannelState | undefined) => channel?.payload.type === ChannelType.GuildForum;
  const isThread = (channel: FakeChannelState | undefined) => channel?.payload.type === ChannelType.PublicThread;

  const patchForum = (channel: FakeChannelState, body: Payload): RouteResult => {
    if (!(botPermissions(fake, channel) & PermissionFlagsBits.ManageChannels)) return missingPermissions();
    const payload = channel.payload as Payload;
    if (body.available_tags !== undefined) {
      const tags = (body.available_tags ?? []) as Payload[];
      if (tags.length > 20) return invalid('available_tags', 'Must be 20 or fewer in length.');
      if (tags.some((tag) => typeof tag.name !== 'string' || tag.name.length > 50)) return invalid('available_tags', 'Tag names are at most 50 characters.');
      payload.available_tags = tags.map((tag) => ({ id: tag.id ?? snowflake(), name: tag.name, moderated: tag.moderated ?? false, emoji_id: tag.emoji_id ?? null, emoji_name: tag.emoji_name ?? null }));
    }
    if (typeof body.name === 'string') payload.name = body.name;
    return ok(payload);
  };

  const patchThread = (channel: FakeChannelState, body: Payload): RouteResult => {
    const payload = channel.payload as Payload;
    const parent = fake.channels.get(payload.parent_id);
    if (body.applied_tags !== undefined && body.applied_tags !== null) {
      const tags = body.applied_tags as string[];
      if (tags.length > 5) return invalid('applied_tags', 'Must be 5 or fewer in length.');
      const known = ((parent?.payload as Payload | undefined)?.available_tags ?? []) as { id: string }[];
      if (tags.some((id) => !known.some((tag) => tag.id === id))) return invalid('applied_tags', 'Tags must be tags of the parent forum.');
      payload.applied_tags = tags;
    }
    // Locking, and changing a locked thread, need Manage Threads; the post's owner may archive it
    // ("Modify Channel", thread-only fields). Permissions of a thread are its forum's.
    const metadata = payload.thread_metadata as Payload;
    const manages = parent ? Boolean(botPermissions(fake, parent) & PermissionFlagsBits.ManageThreads) : false;
    if (!manages && ((body.locked !== undefined && body.locked !== null) || metadata.locked)) return missingPermissions();
    if (!manages && payload.owner_id !== fake.botUser.id) return missingPermissions();
    if (body.archived !== undefined && body.archived !== null) {
      metadata.archived = Boolean(body.archived);
      metadata.archive_timestamp = new Date().toISOString();
    }
    if (body.locked !== undefined && body.locked !== null) metadata.locked = Boolean(body.locked);
    if (typeof body.name === 'string') payload.name = body.name;
    return ok(payload);
  };

  return [
    {
      method: 'PATCH',
      template: '/channels/{channel_id}',
      auth: 'bot',
      handle: ({ params, body }) => {
        const channel = fake.channels.get(params.channel_id);
        if (!channel) return unknownChannel();
        if (isForum(channel)) return patchForum(channel, body ?? {});
        if (isThread(channel)) return patchThread(channel, body ?? {});
        return fail(400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
      },
    },
    {
      method: 'POST',
      template: '/channels/{channel_id}/threads',
      auth: 'bot',
      handle: ({ params, body }) => {
        const forum = fake.channels.get(params.channel_id);
        if (!forum) return unknownChannel();
        if (!isForum(forum)) return fail(400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
        const permissions = botPermissions(fake, forum);
        if (!(permissions & PermissionFlagsBits.ViewChannel)) return fail(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
        if (!(permissions & PermissionFlagsBits.SendMessages)) return missingPermissions();
        const name = body?.name;
        if (typeof name !== 'string' || name.length < 1 || name.length > 100) return invalid('name', 'Must be between 1 and 100 in length.');
        if (!body?.message || (!body.message.content && !(body.message.embeds?.length > 0))) return fail(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
        const tags = (body.applied_tags ?? []) as string[];
        const known = ((forum.payload as Payload).available_tags ?? []) as { id: string }[];
        if (tags.length > 5 || tags.some((id) => !known.some((tag) => tag.id === id))) return invalid('applied_tags', 'Tags must be tags of this forum (at most 5).');
        const id = snowflake();
        const now = new Date().toISOString();
        const thread = {
          id,
          type: ChannelType.PublicThread,
          guild_id: forum.guildId,
          parent_id: forum.payload.id,
          owner_id: fake.botUser.id,
          name,
          last_message_id: id,
          rate_limit_per_user: 0,
          flags: 0,
          message_count: 0,
          member_count: 1,
          total_message_sent: 0,
          applied_tags: tags,
          thread_metadata: { archived: false, archive_timestamp: now, auto_archive_duration: body.auto_archive_duration ?? 4320, locked: false, create_timestamp: now },
        };
        fake.channels.set(id, { payload: thread as never, guildId: forum.guildId, messages: [] });
        const message: APIMessage = messagePayload({
          id,
          channelId: id,
          author: fake.botUser,
          content: body.message.content,
          embeds: body.message.embeds,
          components: body.message.components,
          guildId: forum.guildId,
        });
        fake.storeMessage(message);
        return { status: 201, body: { ...thread, message } };
      },
    },
    {
      method: 'GET',
      template: '/guilds/{guild_id}/threads/active',
      auth: 'bot',
      handle: ({ params }) => {
        const threads = [...fake.channels.values()]
          .filter((c) => isThread(c) && c.guildId === params.guild_id && !(c.payload as Payload).thread_metadata.archived)
          .map((c) => c.payload);
        return ok({ threads, members: [] });
      },
    },
  ];
}
