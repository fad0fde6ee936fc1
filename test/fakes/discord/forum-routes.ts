import { ChannelType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeChannelState, FakeDiscord } from './fake-discord';
import { botCan } from './permissions';
import { discordError } from './http';
import type { Route, RouteResult } from './rest-routes';
import { snowflake } from './snowflake';

/**
 * Forum channels (GUILD_FORUM, type 15) and their posts, as in Discord's OpenAPI document
 * (specs/discord/openapi.json):
 * - `update_channel` (PATCH /channels/{channel_id}) of a forum: its `available_tags`
 *   (UpdateThreadTagRequest: a tag without an id is created, at most 20), needing Manage Channels;
 * - a post's `applied_tags` (at most 5, each one of the parent forum's tags), checked for
 *   `create_thread` and a thread's `update_channel` (both in thread-routes.ts);
 * - `get_active_guild_threads` (GET /guilds/{guild_id}/threads/active): { threads, members }.
 */
const fail = (status: number, code: number, message: string, errors?: unknown): RouteResult => ({ status, body: discordError(code, message, errors) });
const ok = (body: unknown): RouteResult => ({ status: 200, body });
const unknownChannel = () => fail(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
const missingPermissions = () => fail(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
const invalid = (field: string, message: string) => fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', { [field]: { _errors: [{ code: 'BASE_TYPE_INVALID', message }] } });

type Payload = Record<string, any>;

export const isForum = (channel: FakeChannelState | undefined) => channel?.payload.type === ChannelType.GuildForum;
const isPost = (channel: FakeChannelState | undefined) => channel?.payload.type === ChannelType.PublicThread;

/** A forum's own update_channel: its name and tags. */
export function patchForum(fake: FakeDiscord, channel: FakeChannelState, body: Payload): RouteResult {
    if (!botCan(fake, channel.payload.id, PermissionFlagsBits.ManageChannels)) return missingPermissions();
    const payload = channel.payload as Payload;
    if (body.available_tags !== undefined) {
      const tags = (body.available_tags ?? []) as Payload[];
      if (tags.length > 20) return invalid('available_tags', 'Must be 20 or fewer in length.');
      if (tags.some((tag) => typeof tag.name !== 'string' || tag.name.length > 50)) return invalid('available_tags', 'Tag names are at most 50 characters.');
      payload.available_tags = tags.map((tag) => ({ id: tag.id ?? snowflake(), name: tag.name, moderated: tag.moderated ?? false, emoji_id: tag.emoji_id ?? null, emoji_name: tag.emoji_name ?? null }));
    }
    if (typeof body.name === 'string') payload.name = body.name;
    return ok(payload);
}

/** An error when `tags` are not at most 5 tags of the post's forum (`forumId`). */
export function invalidAppliedTags(fake: FakeDiscord, forumId: string | undefined, tags: unknown): RouteResult | null {
  if (tags === undefined || tags === null) return null;
  const known = ((fake.channels.get(forumId ?? '')?.payload as Payload | undefined)?.available_tags ?? []) as { id: string }[];
  if (!Array.isArray(tags) || tags.length > 5) return invalid('applied_tags', 'Must be 5 or fewer in length.');
  if (tags.some((id) => !known.some((tag) => tag.id === id))) return invalid('applied_tags', 'Tags must be tags of the parent forum.');
  return null;
}

export function forumRoutes(fake: FakeDiscord): Route[] {
  return [
    {
      method: 'GET',
      template: '/guilds/{guild_id}/threads/active',
      auth: 'bot',
      handle: ({ params }) => {
        const threads = [...fake.channels.values()]
          .filter((c) => isPost(c) && c.guildId === params.guild_id && !(c.payload as Payload).thread_metadata.archived)
          .map((c) => c.payload);
        return ok({ threads, members: [] });
      },
    },
  ];
}
