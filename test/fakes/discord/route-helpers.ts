import { APIAttachment, APIMessage, MessageFlags, RESTJSONErrorCodes } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';
import { discordError, RecordedFile } from './http';
import type { RouteResult } from './rest-routes';

/** What the fake's REST routes share: results, Discord's message body checks, message edits. */
export const ok = (body: unknown): RouteResult => ({ status: 200, body });
export const noContent: RouteResult = { status: 204 };
export const fail = (status: number, code: number, message: string, errors?: unknown): RouteResult => ({ status, body: discordError(code, message, errors) });

export const unknownMessage = () => fail(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');

/** Discord's checks on a message body: not empty, content ≤ 2000 characters, ≤ 10 embeds. */
export function validateMessage(body: any, files: RecordedFile[], { allowEmpty = false } = {}): RouteResult | null {
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
export function validateNonce(body: any): RouteResult | null {
  const nonce = body?.nonce;
  if (nonce === undefined || nonce === null || Number.isInteger(nonce) || (typeof nonce === 'string' && nonce.length <= 25)) return null;
  return fail(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', {
    nonce: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] },
  });
}

/** Files uploaded with a message become attachments served by the fake's CDN. */
export const attachmentsFor = (fake: FakeDiscord) => (channelId: string, files: RecordedFile[]): APIAttachment[] =>
  files.map((file) => fake.addAttachment({ filename: file.name, contentType: file.contentType, data: file.data, channelId }));

/** Applies a PATCH body (content, embeds, components, kept attachments plus new files) to a message. */
export function editMessage(fake: FakeDiscord, message: APIMessage, body: any, files: RecordedFile[]): APIMessage {
  const edited = { ...message, edited_timestamp: new Date().toISOString() } as APIMessage;
  if (body?.content !== undefined) edited.content = body.content ?? '';
  if (body?.embeds !== undefined) edited.embeds = body.embeds ?? [];
  if (body?.components !== undefined) edited.components = body.components ?? [];
  if (files.length > 0 || body?.attachments !== undefined) {
    const kept = (body?.attachments ?? []).filter((a: { id: string }) => message.attachments.some((m) => m.id === a.id));
    edited.attachments = [...message.attachments.filter((m) => kept.some((k: { id: string }) => k.id === m.id)), ...attachmentsFor(fake)(message.channel_id, files)];
  }
  // Editing a deferred ("thinking…") response keeps its ephemeral flag and ends the loading state.
  edited.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
  return edited;
}
