import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';
import type { RecordedFile } from './http';
import { announcementRoutes } from './announcement-routes';
import { forumRoutes } from './forum-routes';
import { interactionRoutes } from './interaction-routes';
import { attachmentsFor, editMessage, fail, noContent, ok, unknownMessage, validateMessage, validateNonce } from './route-helpers';
import { dmChannelPayload, messagePayload } from './payloads';
import { checkThreadPost, threadRoutes } from './thread-routes';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  files: RecordedFile[];
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path as in Discord's OpenAPI document (v10, without the /api/v10 prefix). */
  template: string;
  /** Bot-token routes count against the global rate limit; interaction webhooks use their token instead. */
  auth: 'bot' | 'none';
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

/** The v10 REST routes: gateway, the bot's user and application, DMs, channels and messages; the rest by area. */
export function restRoutes(fake: FakeDiscord): Route[] {
  const attachmentsOf = attachmentsFor(fake);

  return [
    {
      method: 'GET',
      template: '/gateway',
      auth: 'none',
      handle: () => ok({ url: fake.gatewayUrl }),
    },
    {
      method: 'GET',
      template: '/gateway/bot',
      auth: 'bot',
      handle: () =>
        ok({ url: fake.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } }),
    },
    {
      method: 'GET',
      template: '/users/@me',
      auth: 'bot',
      handle: () => ok(fake.botUser),
    },
    {
      method: 'GET',
      template: '/applications/@me',
      auth: 'bot',
      handle: () => ok(fake.applicationPayload()),
    },
    {
      method: 'GET',
      template: '/oauth2/applications/@me',
      auth: 'bot',
      handle: () => ok(fake.applicationPayload()),
    },
    ...interactionRoutes(fake),
    {
      method: 'POST',
      template: '/users/@me/channels',
      auth: 'bot',
      handle: ({ body }) => {
        const recipientId = body?.recipient_id;
        if (typeof recipientId !== 'string' || !/^\d{17,20}$/.test(recipientId)) {
          return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
            recipient_id: { _errors: [{ code: 'NUMBER_TYPE_COERCE', message: `Value "${recipientId}" is not snowflake.` }] },
          });
        }
        const closed = fake.closedDms.get(recipientId);
        if (closed?.at === 'open') return fail(403, closed.code, closed.message);
        const channel = fake.dmChannelFor(recipientId);
        return ok(dmChannelPayload(channel.payload.id, fake.userFor(recipientId)));
      },
    },
    {
      method: 'GET',
      template: '/channels/{channel_id}',
      auth: 'bot',
      handle: ({ params }) => {
        const channel = fake.channels.get(params.channel_id);
        return channel ? ok(channel.payload) : fail(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
      },
    },
    {
      method: 'POST',
      template: '/channels/{channel_id}/typing',
      auth: 'bot',
      handle: ({ params }) => (fake.channels.has(params.channel_id) ? noContent : fail(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel')),
    },
    {
      method: 'POST',
      template: '/channels/{channel_id}/messages',
      auth: 'bot',
      handle: ({ params, body, files }) => {
        const channel = fake.channels.get(params.channel_id);
        if (!channel) return fail(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
        if (channel.recipientId) {
          const closed = fake.closedDms.get(channel.recipientId);
          if (closed?.at === 'send') return fail(403, closed.code, closed.message);
        }
        const invalid = validateMessage(body, files) ?? validateNonce(body) ?? checkThreadPost(fake, channel.payload.id);
        if (invalid) return invalid;
        const nonce: string | number | undefined = body?.nonce ?? undefined;
        const earlier = nonce !== undefined && body?.enforce_nonce ? fake.messageWithNonce(fake.botUser.id, nonce) : null;
        if (earlier) return ok(earlier);
        const message = messagePayload({
          channelId: channel.payload.id,
          author: fake.botUser,
          content: body?.content,
          embeds: body?.embeds,
          components: body?.components,
          attachments: attachmentsOf(channel.payload.id, files),
          flags: body?.flags ?? 0,
          guildId: channel.guildId,
        });
        if (nonce !== undefined) Object.assign(message, { nonce });
        fake.storeMessage(message);
        if (nonce !== undefined) fake.rememberNonce(message, nonce);
        return ok(message);
      },
    },
    {
      method: 'GET',
      template: '/channels/{channel_id}/messages/{message_id}',
      auth: 'bot',
      handle: ({ params }) => {
        const message = fake.channels.get(params.channel_id)?.messages.find((m) => m.id === params.message_id);
        return message ? ok(message) : unknownMessage();
      },
    },
    {
      method: 'PATCH',
      template: '/channels/{channel_id}/messages/{message_id}',
      auth: 'bot',
      handle: ({ params, body, files }) => {
        const channel = fake.channels.get(params.channel_id);
        const message = channel?.messages.find((m) => m.id === params.message_id);
        if (!channel || !message) return unknownMessage();
        if (message.author.id !== fake.botUser.id) return fail(403, RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser, 'Cannot edit a message authored by another user');
        const edited = editMessage(fake, message, body, files);
        fake.storeMessage(edited);
        return ok(edited);
      },
    },
    ...announcementRoutes(fake),
    ...threadRoutes(fake, attachmentsOf),
    ...forumRoutes(fake),
  ];
}
