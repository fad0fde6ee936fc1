import { InvalidWebhookField } from './twilio-sids';
import { WEBHOOK_TEXT_MAX, withoutNul } from './webhook-text';

/** Form parameters of a Twilio webhook, as Fastify parsed them (a repeated key becomes an array). */
export type WebhookParams = Record<string, string | string[] | undefined>;

/**
 * One parameter's value. Twilio never repeats the parameters we read, so a repeated one is a
 * forged or re-split request: refused, not guessed at. Over-long values are refused as well.
 */
export function param(params: WebhookParams, key: string, max = WEBHOOK_TEXT_MAX): string | undefined {
  const value = params[key];
  if (Array.isArray(value)) throw new InvalidWebhookField(key, 'is given more than once');
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InvalidWebhookField(key, 'must be a string');
  if (value.length > max) throw new InvalidWebhookField(key, `is longer than ${max} characters`);
  return withoutNul(value);
}
