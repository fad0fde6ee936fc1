/**
 * Conversation participant identities. The player's is derived from the Discord user id only:
 * identities show up in Twilio logs and Flex Insights, so no names or other PII go in them.
 */
const PLAYER_PREFIX = 'discord:';

export const playerIdentity = (discordUserId: string): string => `${PLAYER_PREFIX}${discordUserId}`;

export const isPlayerIdentity = (identity: string | undefined | null): boolean => !!identity && identity.startsWith(PLAYER_PREFIX);

/** Our own messages (bot turns, system lines) are authored by this identity. */
export const BOT_AUTHOR = 'bot';

/**
 * A name to show the player for an agent: the participant's friendly name when Flex gives one,
 * else the identity without its e-mail domain (Flex identities are often e-mail addresses,
 * sometimes encoded as `alice_40example_2Ecom`).
 */
export function agentDisplayName(identity: string | undefined | null, attributes?: string | null): string | null {
  const fromAttributes = parseAttributes(attributes);
  for (const key of ['friendly_name', 'friendlyName', 'full_name', 'name']) {
    const value = fromAttributes[key];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 100);
  }
  if (!identity) return null;
  const local = identity.split('@')[0].split('_40')[0].trim();
  return local ? local.slice(0, 100) : null;
}

export function parseAttributes(attributes: string | null | undefined): Record<string, unknown> {
  if (!attributes) return {};
  try {
    const parsed: unknown = JSON.parse(attributes);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
