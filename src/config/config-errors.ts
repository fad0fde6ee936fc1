import type { ValidationError } from 'class-validator';

/**
 * Configuration errors name the variable and the reason. Values are shown only for plain settings:
 * a secret is described by its length, and a connection string loses its password, because these
 * messages end up in terminals, CI logs and bug reports.
 */
export class ConfigValidationError extends Error {}

export const SECRET_VARIABLES = new Set(['DISCORD_TOKEN', 'TWILIO_AUTH_TOKEN', 'TWILIO_API_SECRET', 'BOOTSTRAP_API_KEY']);

/** `postgresql://user:secret@host/db` → `postgresql://user:***@host/db`; anything unparsable is hidden whole. */
export function withoutPassword(url: string): string {
  const match = /^([a-z][\w+.-]*:\/\/)([^@/?#]*)@/i.exec(url);
  if (match) {
    const [user] = match[2].split(':');
    return `${match[1]}${user}${match[2].includes(':') ? ':***' : ''}@${url.slice(match[0].length)}`;
  }
  return /^[a-z][\w+.-]*:\/\//i.test(url) || !url.includes('@') ? url : '(hidden: it contains an @)';
}

export function describeValue(name: string, value: unknown): string {
  if (value === undefined || value === null) return `${name}=null`;
  const text = String(value);
  if (SECRET_VARIABLES.has(name)) return `${name}=(hidden, ${text.length} characters)`;
  if (name === 'DATABASE_URL') return `${name}=${JSON.stringify(withoutPassword(text))}`;
  return `${name}=${JSON.stringify(value)}`;
}

export function configError(errors: ValidationError[], input: Record<string, unknown>): ConfigValidationError {
  const lines = errors.map((e) => `  ${describeValue(e.property, input[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  return new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
}
