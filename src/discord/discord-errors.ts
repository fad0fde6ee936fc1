import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { DomainError } from '../common/domain-error';

/** Discord refuses DMs: the user blocks DMs from server members, or shares no server with the bot. */
const DM_CLOSED_CODES: ReadonlySet<number> = new Set([RESTJSONErrorCodes.CannotSendMessagesToThisUser, 50278]);

/**
 * A failed call to Discord, as a DomainError (the port's contract) that still carries Discord's
 * own error code for the audit trail (NOTIFICATION_FAILED events).
 */
export class DiscordDeliveryError extends DomainError {
  constructor(
    code: 'discord_dm_closed' | 'discord_unavailable' | 'discord_error',
    status: number,
    message: string,
    readonly discordCode: number | null = null,
  ) {
    super(code, status, message);
  }
}

/** Maps what discord.js' REST client throws to the codes callers act on. */
export function toDiscordError(error: unknown, action: string): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    if (code !== null && DM_CLOSED_CODES.has(code)) {
      return new DiscordDeliveryError('discord_dm_closed', 422, `Discord refused to ${action}: the player does not accept direct messages from the bot (${code})`, code);
    }
    if (error.status >= 500) {
      return new DiscordDeliveryError('discord_unavailable', 503, `Discord failed to ${action} (HTTP ${error.status})`, code);
    }
    return new DiscordDeliveryError('discord_error', 502, `Discord refused to ${action}: ${error.message} (${code ?? error.status})`, code);
  }
  if (error instanceof HTTPError) {
    return new DiscordDeliveryError('discord_unavailable', 503, `Discord failed to ${action} (HTTP ${error.status})`);
  }
  if (error instanceof RateLimitError) {
    return new DiscordDeliveryError('discord_unavailable', 503, `Discord rate-limited the bot while trying to ${action}; retry in ${Math.ceil(error.retryAfter / 1000)} s`);
  }
  // network errors (connection refused or reset, timeouts) after discord.js' own retries
  const detail = error instanceof Error ? error.message : String(error);
  return new DiscordDeliveryError('discord_unavailable', 503, `Could not reach Discord to ${action}: ${detail}`);
}

/** Runs one Discord REST call; its failure becomes a domain error naming what was attempted. */
export async function callDiscord<T>(action: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw toDiscordError(error, action);
  }
}
