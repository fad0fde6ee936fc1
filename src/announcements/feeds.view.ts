import type { FeedState } from '../generated/prisma/client';
import type { FeedConfig } from './feed-config';

/** A feed's health for GET /api/announcements/feeds; the URL without its query (it may hold a bridge's token). */
export function feedView(feed: FeedConfig, state: FeedState | undefined, defaultChannelId: string | undefined) {
  const url = new URL(feed.url);
  return {
    name: feed.name,
    url: `${url.origin}${url.pathname}${url.search ? '?…' : ''}`,
    channelId: feed.channelId ?? defaultChannelId ?? null,
    mentionRoleId: feed.mentionRoleId,
    intervalSeconds: Math.round(feed.intervalMs / 1000),
    primed: state?.primed ?? false,
    lastPollAt: state?.lastPollAt ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    lastErrorAt: state?.lastErrorAt ?? null,
    lastError: state?.lastError ?? null,
    failuresInARow: state?.failures ?? 0,
    nextPollAt: state?.nextPollAt ?? null,
  };
}
