import { APIMessage, InteractionResponseType, MessageFlags, MessageType, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeDiscord, InteractionState } from './fake-discord';
import type { RecordedFile } from './http';
import { messagePayload } from './payloads';
import type { Route } from './rest-routes';
import { attachmentsFor, editMessage, fail, noContent, ok, unknownMessage, validateMessage } from './route-helpers';

const unknownInteraction = () => fail(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
const unknownWebhook = () => fail(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');

/** Application commands (bulk overwrite, list) and interaction responses: the callback, @original, follow-ups. */
export function interactionRoutes(fake: FakeDiscord): Route[] {
  const attachmentsOf = attachmentsFor(fake);
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


  return [
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
          state.message = editMessage(fake, state.message, data, files);
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
        state.original = editMessage(fake, state.original, body, files);
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
        state.followUps[index] = editMessage(fake, state.followUps[index], body, files);
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
  ];
}
