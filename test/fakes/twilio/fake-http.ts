import type { IncomingMessage } from 'node:http';
import type { FormParams } from './spec-routes';

/** What a fake route answers. */
export interface Reply {
  status: number;
  json?: unknown;
  raw?: { contentType: string; data: Buffer };
  headers?: Record<string, string>;
}

export type Handler = (request: { params: FormParams; path: Record<string, string>; headers: IncomingMessage['headers']; body: Buffer; query: FormParams }) => Reply;

/** A route a fake product contributes: method, path template (as in Twilio's definitions), handler. */
export interface ProductRoute {
  method: string;
  template: string;
  handler: Handler;
}

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions). */
export const error = (status: number, code: number, message: string): Reply => ({
  status,
  json: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

export const notFound = (what: string) => error(404, 20404, `The requested resource ${what} was not found`);

export function parseForm(text: string): FormParams {
  const out: FormParams = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export const str = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
export const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
