/**
 * Twilio SIDs as the OpenAPI definitions declare them: a two-letter prefix and 32 hex digits
 * (34 characters). Dedupe keys are built only from values that pass, so a captured request
 * re-split into other parameters cannot produce a new key, and no key outgrows its column.
 */
const PATTERN = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

export type SidPrefix = 'CH' | 'IM' | 'MB' | 'IS' | 'ME' | 'WT' | 'WR' | 'WK' | 'WS' | 'WW' | 'EV' | 'FW' | 'KD' | 'UO';

export function isSid(value: string | undefined | null, prefix: SidPrefix): value is string {
  return typeof value === 'string' && value.startsWith(prefix) && PATTERN.test(value);
}

/** A field that failed validation, for the 400 that names it. */
export class InvalidWebhookField extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** The SID in `field`, or InvalidWebhookField naming it. */
export function requireSid(value: string | undefined, field: string, prefix: SidPrefix): string {
  if (!isSid(value, prefix)) throw new InvalidWebhookField(field, `must be a Twilio SID ${prefix} followed by 32 hex digits`);
  return value;
}
