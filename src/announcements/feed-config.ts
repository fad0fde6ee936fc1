import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/**
 * ANNOUNCEMENT_FEEDS: feeds separated by ";" (or new lines), each
 *   <name> <url> [channel=<id>] [role=<id>] [every=<n>m|h] [latest]
 * e.g. "blog https://game.example/feed.xml every=10m; youtube https://www.youtube.com/feeds/videos.xml?channel_id=UC1 role=123…"
 * A plain list keeps one env line readable; docs/discord.md has the full description.
 */
export interface FeedConfig {
  /** Stable key of the feed's state in Postgres: renaming a feed makes it a new feed. */
  name: string;
  url: string;
  /** Target channel; null: DISCORD_ANNOUNCEMENT_CHANNEL_ID. */
  channelId: string | null;
  mentionRoleId: string | null;
  intervalMs: number;
  /** On the very first poll, post the newest item instead of only remembering what is there. */
  postLatest: boolean;
}

export const DEFAULT_FEED_INTERVAL_MS = 15 * 60_000;
/** Politeness floor: nobody's feed is asked more than once a minute. */
const MIN_INTERVAL_MS = 60_000;
const MAX_INTERVAL_MS = 7 * 24 * 3_600_000;
const SNOWFLAKE = /^\d{17,20}$/;
const NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export class FeedConfigError extends Error {}

export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})(s|m|h|d)$/.exec(text.trim().toLowerCase());
  return match ? Number(match[1]) * UNITS[match[2]] : null;
}

export function parseFeedList(value: string | undefined): FeedConfig[] {
  const entries = (value ?? '').split(/[;\n]/).map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  const feeds = entries.map(parseEntry);
  const seen = new Set<string>();
  for (const feed of feeds) {
    if (seen.has(feed.name.toLowerCase())) throw new FeedConfigError(`feed name "${feed.name}" is used twice`);
    seen.add(feed.name.toLowerCase());
  }
  return feeds;
}

function parseEntry(entry: string): FeedConfig {
  const [name, url, ...options] = entry.split(/\s+/);
  if (!NAME.test(name)) throw new FeedConfigError(`"${name}" is not a feed name (letters, digits, - and _; up to 64)`);
  if (!url || !isHttpUrl(url)) throw new FeedConfigError(`feed "${name}" needs an http(s) URL after its name`);
  const feed: FeedConfig = { name, url, channelId: null, mentionRoleId: null, intervalMs: DEFAULT_FEED_INTERVAL_MS, postLatest: false };
  for (const option of options) {
    const [key, raw] = option.split('=', 2);
    if (key === 'latest' && raw === undefined) feed.postLatest = true;
    else if (key === 'channel' && raw && SNOWFLAKE.test(raw)) feed.channelId = raw;
    else if (key === 'role' && raw && SNOWFLAKE.test(raw.replace(/^<@&(\d+)>$/, '$1'))) feed.mentionRoleId = raw.replace(/^<@&(\d+)>$/, '$1');
    else if (key === 'every' && raw) {
      const ms = parseDuration(raw);
      if (ms === null || ms < MIN_INTERVAL_MS || ms > MAX_INTERVAL_MS) throw new FeedConfigError(`feed "${name}": every=${raw} must be between 1m and 7d, e.g. every=15m`);
      feed.intervalMs = ms;
    } else {
      throw new FeedConfigError(`feed "${name}": unknown or invalid option "${option}" (channel=<id>, role=<id>, every=<15m>, latest)`);
    }
  }
  return feed;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** class-validator rule for AppConfig.ANNOUNCEMENT_FEEDS: well-formed, and every feed has a channel. */
@ValidatorConstraint({ name: 'feedList' })
export class FeedListConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return problemOf(value, args) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return problemOf(args.value, args) ?? 'invalid feed list';
  }
}

function problemOf(value: unknown, args: ValidationArguments): string | null {
  if (value !== undefined && typeof value !== 'string') return 'must be a text list of feeds';
  try {
    const feeds = parseFeedList(value);
    const fallback = (args.object as { DISCORD_ANNOUNCEMENT_CHANNEL_ID?: string }).DISCORD_ANNOUNCEMENT_CHANNEL_ID;
    const orphan = feeds.find((feed) => feed.channelId === null && !fallback);
    return orphan ? `feed "${orphan.name}" has no channel=<id> and DISCORD_ANNOUNCEMENT_CHANNEL_ID is not set` : null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
