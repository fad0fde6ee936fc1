import { APIAttachment, APIMessage, InteractionResponseType, MessageFlags, MessageType, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeDiscord, InteractionState } from './fake-discord';
import { discordError, RecordedFile } from './http';
import { announcementRoutes } from './announcement-routes';
import { forumRoutes } from './forum-routes';
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

const ok = (body: unknown): RouteResult => ({ status: 200, body });
const noContent: RouteResult = { status: 204 };
const fail = (status: number, code: number, message: string, errors?: unknown): RouteResult => ({ status, body: discordError(code, message, errors) });

const unknownInteraction = () => fail(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
const unknownWebhook = () => fail(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
const unknownMessage = () => fail(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');

/** Discord's checks on a message body: not empty, content ≤ 2000 characters, ≤ 10 embeds. */
function validateMessage(body: any, files: RecordedFile[], { allowEmpty = false } = {}): RouteResult | null {
  const data = body ?? {};
  const hasSomething = Boolean(data.content) || (data.embeds?.length ?? 0) > 0 || (data.components?.length ?? 0) > 0 || files.length > 0 || (data.sticker_ids?.length ?? 0) > 0 || data.poll;
  if (!allowEmpty && !hasSomething) return fail(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
  if (typeof data.content === 'string' && data.content.length > 2000) {
    return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
      content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] },
    });
  }
  if ((data.embeds?.length ?? 0) > 10) {
    return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
      embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] },
    });
  }
  return null;
}

/** `nonce`: an integer or a string of up to 25 characters (MessageCreateRequest in the OpenAPI document). */
function validateNonce(body: any): RouteResult | null {
  const nonce = body?.nonce;
  if (nonce === undefined || nonce === null || Number.isInteger(nonce) || (typeof nonce === 'string' && nonce.length <= 25)) return null;
  return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
    nonce: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] },
  });
}

export function restRoutes(fake: FakeDiscord): Route[] {
  const attachmentsOf = (channelId: string, files: RecordedFile[]): APIAttachment[] =>
    files.map((file) => fake.addAttachment({ filename: file.name, contentType: file.contentType, data: file.data, channelId }));

  const interactionFor = (webhookId: string, token: string): InteractionState | null => {
    const state = fake.interactions.get(token);
    return state && state.applicationId === webhookId ? state : null;
  };

  const webhookMessage = (state: InteractionState, body: any, files: RecordedFile[], flags: number): APIMessage =>
    messagePayload({
      channelId: state.channelId,
      author: fake.botUser,
      content: body?.content,
      embeds: body?.embeds,
      components: body?.components,
      attachments: attachmentsOf(state.channelId, files),
      flags,
      type: MessageType.ChatInputCommand,
      guildId: state.guildId,
      webhookId: fake.applicationId,
      applicationId: fake.applicationId,
    });

  const editMessage = (message: APIMessage, body: any, files: RecordedFile[]): APIMessage => {
    const edited = { ...message, edited_timestamp: new Date().toISOString() } as APIMessage;
    if (body?.content !== undefined) edited.content = body.content ?? '';
    if (body?.embeds !== undefined) edited.embeds = body.embeds ?? [];
    if (body?.components !== undefined) edited.components = body.components ?? [];
    if (files.length > 0 || body?.attachments !== undefined) {
      const kept = (body?.attachments ?? []).filter((a: { id: string }) => message.attachments.some((m) => m.id === a.id));
      edited.attachments = [...message.attachments.filter((m) => kept.some((k: { id: string }) => k.id === m.id)), ...attachmentsOf(message.channel_id, files)];
    }
    // Editing a deferred ("thinking…") response keeps its ephemeral flag and ends the loading state.
    edited.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    return edited;
  };

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
    {
      method: 'PUT',
      template: '/applications/{application_id}/commands',
      auth: 'bot',
      handle: ({ params, body }) => {
        if (params.application_id !== fake.applicationId) return fail(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
        return ok(fake.registerCommands(null, body ?? []));
      },
    },
    {
      method: 'GET',
      template: '/applications/{application_id}/commands',
      auth: 'bot',
      handle: () => ok(fake.commands.global),
    },
    {
      method: 'PUT',
      template: '/applications/{application_id}/guilds/{guild_id}/commands',
      auth: 'bot',
      handle: ({ params, body }) => {
        if (params.application_id !== fake.applicationId) return fail(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
        if (!fake.guilds.some((g) => g.id === params.guild_id)) return fail(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
        return ok(fake.registerCommands(params.guild_id, body ?? []));
      },
    },
    {
      method: 'GET',
      template: '/applications/{application_id}/guilds/{guild_id}/commands',
      auth: 'bot',
      handle: ({ params }) => ok(fake.commands.guilds.get(params.guild_id) ?? []),
    },
    {
      method: 'POST',
      template: '/interactions/{interaction_id}/{interaction_token}/callback',
      auth: 'none',
      handle: ({ params, query, body, files }) => {
        const state = fake.interactions.get(params.interaction_token);
        if (!state || state.id !== params.interaction_id) return unknownInteraction();
        if (state.acknowledged) return fail(400, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged.');
        if (Date.now() - state.dispatchedAt > fake.options.interactionTimeoutMs) return unknownInteraction();
        const type = body?.type as InteractionResponseType;
        const data = body?.data ?? {};
        if (type === InteractionResponseType.ChannelMessageWithSource) {
          const invalid = validateMessage(data, files);
          if (invalid) return invalid;
          state.original = webhookMessage(state, data, files, data.flags ?? 0);
        } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
          state.original = webhookMessage(state, {}, [], ((data.flags ?? 0) & MessageFlags.Ephemeral) | MessageFlags.Loading);
        } else if (type === InteractionResponseType.UpdateMessage && state.message) {
          state.message = editMessage(state.message, data, files);
          fake.storeMessage(state.message);
        } else if (type === InteractionResponseType.Modal) {
          state.modal = data;
        } else if (
          type !== InteractionResponseType.DeferredMessageUpdate &&
          type !== InteractionResponseType.ApplicationCommandAutocompleteResult
        ) {
          return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', { type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: `Value must be one of the interaction callback types.` }] } });
        }
        state.acknowledged = true;
        state.responseType = type;
        if (query.get('with_response') !== 'true') return noContent;
        const message = state.original ?? state.message;
        return ok({
          interaction: {
            id: state.id,
            type: state.type,
            response_message_id: message?.id,
            response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
            response_message_ephemeral: Boolean((message?.flags ?? 0) & MessageFlags.Ephemeral),
          },
          resource: { type, ...(message ? { message } : {}) },
        });
      },
    },
    {
      method: 'GET',
      template: '/webhooks/{webhook_id}/{webhook_token}/messages/@original',
      auth: 'none',
      handle: ({ params }) => {
        const state = interactionFor(params.webhook_id, params.webhook_token);
        if (!state) return unknownWebhook();
        return state.original && !state.originalDeleted ? ok(state.original) : unknownMessage();
      },
    },
    {
      method: 'PATCH',
      template: '/webhooks/{webhook_id}/{webhook_token}/messages/@original',
      auth: 'none',
      handle: ({ params, body, files }) => {
        const state = interactionFor(params.webhook_id, params.webhook_token);
        if (!state) return unknownWebhook();
        if (!state.original || state.originalDeleted) return unknownMessage();
        const invalid = validateMessage(body, files, { allowEmpty: true });
        if (invalid) return invalid;
        state.original = editMessage(state.original, body, files);
        return ok(state.original);
      },
    },
    {
      method: 'DELETE',
      template: '/webhooks/{webhook_id}/{webhook_token}/messages/@original',
      auth: 'none',
      handle: ({ params }) => {
        const state = interactionFor(params.webhook_id, params.webhook_token);
        if (!state) return unknownWebhook();
        if (!state.original || state.originalDeleted) return unknownMessage();
        state.originalDeleted = true;
        return noContent;
      },
    },
    {
      method: 'PATCH',
      template: '/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}',
      auth: 'none',
      handle: ({ params, body, files }) => {
        const state = interactionFor(params.webhook_id, params.webhook_token);
        if (!state) return unknownWebhook();
        const index = state.followUps.findIndex((m) => m.id === params.message_id);
        if (index < 0) return unknownMessage();
        state.followUps[index] = editMessage(state.followUps[index], body, files);
        return ok(state.followUps[index]);
      },
    },
    {
      method: 'POST',
      template: '/webhooks/{webhook_id}/{webhook_token}',
      auth: 'none',
      handle: ({ params, body, files }) => {
        const state = interactionFor(params.webhook_id, params.webhook_token);
        if (!state) return unknownWebhook();
        if (!state.acknowledged) return unknownWebhook();
        const invalid = validateMessage(body, files);
        if (invalid) return invalid;
        const message = webhookMessage(state, body, files, body?.flags ?? 0);
        state.followUps.push(message);
        return ok(message);
      },
    },
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
        const edited = editMessage(message, body, files);
        fake.storeMessage(edited);
        return ok(edited);
      },
    },
    ...announcementRoutes(fake),
    ...threadRoutes(fake, attachmentsOf),
    ...forumRoutes(fake),
  ];
}
