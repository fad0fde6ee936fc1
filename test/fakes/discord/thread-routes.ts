import { APIMessage, ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';
import { discordError, RecordedFile } from './http';
import { messagePayload } from './payloads';
import { invalidAppliedTags, isForum, patchForum } from './forum-routes';
import { botCan } from './permissions';
import type { Route, RouteResult } from './rest-routes';
import { snowflake } from './snowflake';

/**
 * Threads as Discord's OpenAPI document (specs/discord/openapi.json) has them:
 * `create_thread` (POST /channels/{channel_id}/threads: in a text channel a thread without a
 * message, PRIVATE_THREAD by default; in a forum channel a post with its starter message, whose id
 * is the thread's), `update_channel` (PATCH /channels/{channel_id}: archived, locked, name),
 * `add_thread_member` / `list_thread_members`. Permissions as Discord's "Threads" topic says:
 * Create Private/Public Threads in a text channel, Send Messages in a forum, Manage Threads to lock
 * (or to change a thread the bot does not own). THREAD_CREATE/THREAD_UPDATE reach the gateway.
 */
const fail = (status: number, code: number, message: string, errors?: unknown): RouteResult => ({ status, body: discordError(code, message, errors) });
const missingPermissions = () => fail(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions');
const unknownChannel = () => fail(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');

export interface ThreadPayload {
  id: string;
  type: ChannelType.PublicThread | ChannelType.PrivateThread;
  guild_id: string;
  parent_id: string;
  owner_id: string;
  name: string;
  last_message_id: string | null;
  rate_limit_per_user: number;
  message_count: number;
  member_count: number;
  total_message_sent: number;
  flags: number;
  applied_tags: string[];
  thread_metadata: { archived: boolean; archive_timestamp: string; auto_archive_duration: number; locked: boolean; invitable?: boolean; create_timestamp: string };
}

export function isThread(payload: unknown): payload is ThreadPayload {
  return Boolean((payload as ThreadPayload | undefined)?.thread_metadata);
}

/** Thread members by thread id (the bot joins the threads it creates). */
export const threadMembers = new WeakMap<FakeDiscord, Map<string, Set<string>>>();

export function membersOf(fake: FakeDiscord, threadId: string): Set<string> {
  let byThread = threadMembers.get(fake);
  if (!byThread) threadMembers.set(fake, (byThread = new Map()));
  let members = byThread.get(threadId);
  if (!members) byThread.set(threadId, (members = new Set()));
  return members;
}

/** Posting in a thread: Send Messages in Threads; a locked archived thread only with Manage Threads; an archived one reopens. */
export function checkThreadPost(fake: FakeDiscord, channelId: string): RouteResult | null {
  const payload = fake.channels.get(channelId)?.payload;
  if (!isThread(payload)) return null;
  if (!botCan(fake, channelId, PermissionFlagsBits.SendMessagesInThreads)) return missingPermissions();
  if (payload.thread_metadata.archived) {
    if (payload.thread_metadata.locked && !botCan(fake, channelId, PermissionFlagsBits.ManageThreads)) return fail(403, RESTJSONErrorCodes.ThreadLocked, 'Thread is locked');
    payload.thread_metadata.archived = false;
  }
  return null;
}

function threadPayload(fake: FakeDiscord, parent: { id: string; guildId: string }, name: string, type: ThreadPayload['type'], appliedTags: string[]): ThreadPayload {
  const now = new Date().toISOString();
  return {
    id: snowflake(),
    type,
    guild_id: parent.guildId,
    parent_id: parent.id,
    owner_id: fake.botUser.id,
    name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    flags: 0,
    applied_tags: appliedTags,
    thread_metadata: { archived: false, archive_timestamp: now, auto_archive_duration: 10080, locked: false, create_timestamp: now, ...(type === ChannelType.PrivateThread ? { invitable: false } : {}) },
  };
}

function invalidName(name: unknown): RouteResult | null {
  if (typeof name === 'string' && name.length >= 1 && name.length <= 100) return null;
  return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
    name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }] },
  });
}

export function threadRoutes(fake: FakeDiscord, attachmentsOf: (channelId: string, files: RecordedFile[]) => APIMessage['attachments']): Route[] {
  const dispatchThread = (event: string, thread: ThreadPayload, extra: Record<string, unknown> = {}) =>
    fake.dispatch(event, { ...thread, ...extra }, GatewayIntentBits.Guilds);

  return [
    {
      method: 'POST',
      template: '/channels/{channel_id}/threads',
      auth: 'bot',
      handle: ({ params, body, files }) => {
        const parent = fake.channels.get(params.channel_id);
        if (!parent?.guildId) return unknownChannel();
        const invalid = invalidName(body?.name);
        if (invalid) return invalid;
        const parentType = (parent.payload as { type: number }).type;
        if (!botCan(fake, params.channel_id, PermissionFlagsBits.ViewChannel)) return fail(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
        if (parentType === ChannelType.GuildForum) {
          if (!body?.message) return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', { message: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } });
          if (!botCan(fake, params.channel_id, PermissionFlagsBits.SendMessages)) return missingPermissions();
          if (!body.message.content && !(body.message.embeds?.length > 0) && !files.length) return fail(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
          const badTags = invalidAppliedTags(fake, parent.payload.id, body.applied_tags);
          if (badTags) return badTags;
          const thread = threadPayload(fake, { id: parent.payload.id, guildId: parent.guildId }, body.name, ChannelType.PublicThread, body.applied_tags ?? []);
          const starter = messagePayload({ id: thread.id, channelId: thread.id, author: fake.botUser, content: body.message.content, embeds: body.message.embeds, components: body.message.components, attachments: attachmentsOf(thread.id, files), guildId: parent.guildId });
          Object.assign(thread, { last_message_id: starter.id, message_count: 1, total_message_sent: 1 });
          fake.channels.set(thread.id, { payload: thread as never, guildId: parent.guildId, messages: [starter] });
          membersOf(fake, thread.id).add(fake.botUser.id);
          dispatchThread(GatewayDispatchEvents.ThreadCreate, thread, { newly_created: true });
          return { status: 201, body: { ...thread, message: starter } };
        }
        if (parentType !== ChannelType.GuildText) return fail(400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
        // "type defaults to PRIVATE_THREAD in order to match the behavior when thread documentation was first published".
        const type = body?.type === ChannelType.PublicThread ? ChannelType.PublicThread : ChannelType.PrivateThread;
        const needed = type === ChannelType.PrivateThread ? PermissionFlagsBits.CreatePrivateThreads : PermissionFlagsBits.CreatePublicThreads;
        if (!botCan(fake, params.channel_id, needed)) return missingPermissions();
        const thread = threadPayload(fake, { id: parent.payload.id, guildId: parent.guildId }, body.name, type, []);
        fake.channels.set(thread.id, { payload: thread as never, guildId: parent.guildId, messages: [] });
        membersOf(fake, thread.id).add(fake.botUser.id);
        dispatchThread(GatewayDispatchEvents.ThreadCreate, thread, { newly_created: true });
        return { status: 201, body: thread };
      },
    },
    {
      method: 'PATCH',
      template: '/channels/{channel_id}',
      auth: 'bot',
      handle: ({ params, body }) => {
        const channel = fake.channels.get(params.channel_id);
        if (!channel) return unknownChannel();
        if (isForum(channel)) return patchForum(fake, channel, body ?? {});
        const thread = channel.payload;
        if (!isThread(thread)) return fail(400, RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType, 'Cannot execute action on this channel type');
        const manage = botCan(fake, thread.id, PermissionFlagsBits.ManageThreads);
        // Locking, or changing a thread someone else owns, needs Manage Threads.
        if ((body?.locked !== undefined && body.locked !== thread.thread_metadata.locked) || (thread.owner_id !== fake.botUser.id && !manage)) {
          if (!manage) return missingPermissions();
        }
        if (thread.thread_metadata.locked && thread.thread_metadata.archived && !manage) return fail(403, RESTJSONErrorCodes.ThreadLocked, 'Thread is locked');
        const badTags = invalidAppliedTags(fake, thread.parent_id, body?.applied_tags);
        if (badTags) return badTags;
        if (body?.name !== undefined) {
          const invalid = invalidName(body.name);
          if (invalid) return invalid;
          thread.name = body.name;
        }
        if (typeof body?.locked === 'boolean') thread.thread_metadata.locked = body.locked;
        if (typeof body?.archived === 'boolean' && body.archived !== thread.thread_metadata.archived) {
          thread.thread_metadata.archived = body.archived;
          thread.thread_metadata.archive_timestamp = new Date().toISOString();
        }
        if (Array.isArray(body?.applied_tags)) thread.applied_tags = body.applied_tags;
        dispatchThread(GatewayDispatchEvents.ThreadUpdate, thread);
        return { status: 200, body: thread };
      },
    },
    {
      method: 'PUT',
      template: '/channels/{channel_id}/thread-members/{user_id}',
      auth: 'bot',
      handle: ({ params }) => {
        const thread = fake.channels.get(params.channel_id)?.payload;
        if (!isThread(thread)) return unknownChannel();
        if (thread.thread_metadata.archived) return fail(400, RESTJSONErrorCodes.InvalidActionOnArchivedThread, 'Cannot perform this action on an archived thread');
        membersOf(fake, thread.id).add(params.user_id);
        thread.member_count = membersOf(fake, thread.id).size;
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      template: '/channels/{channel_id}/thread-members',
      auth: 'bot',
      handle: ({ params }) => {
        const thread = fake.channels.get(params.channel_id)?.payload;
        if (!isThread(thread)) return unknownChannel();
        return { status: 200, body: [...membersOf(fake, thread.id)].map((userId) => ({ id: thread.id, user_id: userId, join_timestamp: thread.thread_metadata.create_timestamp, flags: 0 })) };
      },
    },
  ];
}
