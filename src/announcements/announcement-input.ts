import { DomainError, FieldError } from '../common/domain-error';
import { parseDuration } from './feed-config';

/** What a person writes for an announcement, from the API or the /announce modal. */
export interface AnnouncementInput {
  title: string;
  body: string;
  imageUrl?: string | null;
  mentionRoleId?: string | null;
  channelId?: string | null;
  /** Absent or null: now. */
  postAt?: Date | null;
}

export const TITLE_MAX = 256;
/** Discord's embed description allows 4096; keep room for the footer and a margin. */
export const BODY_MAX = 4000;
/** A scheduled time a little in the past (clock skew, a slow form) still means "now". */
const PAST_GRACE_MS = 60_000;
const MAX_AHEAD_MS = 366 * 86_400_000;
const SNOWFLAKE = /^\d{17,20}$/;

/** Checks everything a person can fix; throws one validation error naming every bad field. */
export function validateAnnouncement(input: AnnouncementInput, now: Date): void {
  const fields: FieldError[] = [];
  const bad = (field: string, message: string) => fields.push({ field, messages: [message] });
  if (!input.title?.trim()) bad('title', 'title must not be empty');
  else if (input.title.trim().length > TITLE_MAX) bad('title', `title must be at most ${TITLE_MAX} characters`);
  if (!input.body?.trim()) bad('body', 'body must not be empty');
  else if (input.body.trim().length > BODY_MAX) bad('body', `body must be at most ${BODY_MAX} characters`);
  if (input.imageUrl && !/^https:\/\/\S+$/i.test(input.imageUrl)) bad('imageUrl', 'imageUrl must be an https:// address of an image');
  if (input.mentionRoleId && !SNOWFLAKE.test(input.mentionRoleId)) bad('mentionRoleId', 'mentionRoleId must be a Discord role id (17 to 20 digits)');
  if (input.channelId && !SNOWFLAKE.test(input.channelId)) bad('channelId', 'channelId must be a Discord channel id (17 to 20 digits)');
  if (input.postAt) {
    const at = input.postAt.getTime();
    if (Number.isNaN(at)) bad('postAt', 'postAt must be a date-time such as 2026-12-24T18:00:00Z');
    else if (at < now.getTime() - PAST_GRACE_MS) bad('postAt', 'postAt must not be in the past');
    else if (at > now.getTime() + MAX_AHEAD_MS) bad('postAt', 'postAt must be within a year');
  }
  if (fields.length > 0) throw DomainError.validation(fields);
}

/**
 * The /announce modal's "when": empty (now), "in 2h" / "30m", or a date-time with its zone
 * ("2026-12-24 18:00 UTC", "2026-12-24T18:00+01:00"). Null when it cannot be read.
 */
export function parsePostAt(text: string | null | undefined, now: Date): Date | null | undefined {
  const value = (text ?? '').trim();
  if (value === '' || /^now$/i.test(value)) return undefined;
  const relative = /^(?:in\s+)?(\d+\s*[smhd])$/i.exec(value);
  if (relative) {
    const ms = parseDuration(relative[1].replace(/\s+/g, ''));
    return ms === null ? null : new Date(now.getTime() + ms);
  }
  const normalized = value.replace(/\s+UTC$/i, 'Z').replace(/^(\d{4}-\d{2}-\d{2})\s+/, '$1T');
  if (!/([zZ]|[+-]\d{2}:?\d{2})$/.test(normalized)) return null; // no zone: ambiguous, refuse
  const date = new Date(normalized);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "<@&123>" or "123" → "123"; empty → null; anything else is returned as is for validation to refuse. */
export function roleIdOf(text: string | null | undefined): string | null {
  const value = (text ?? '').trim();
  if (value === '') return null;
  return /^<@&(\d+)>$/.exec(value)?.[1] ?? value;
}
