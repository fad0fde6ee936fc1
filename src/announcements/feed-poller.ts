import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import type { FeedState } from '../generated/prisma/client';
import { AnnouncementJobs } from './announcement-jobs';
import { FeedConfig } from './feed-config';
import { fetchFeed, FeedFetchError } from './feed-fetcher';
import { parseFeedEntries } from './feed-items';
import { FeedMemory } from './feed-memory';

const MAX_BACKOFF_MS = 6 * 3_600_000;

/** Backoff after `failures` failures in a row: the interval, doubled per failure, at most 6 h (or the interval). */
export function backoffMs(intervalMs: number, failures: number, retryAfterMs: number | null): number {
  const doubled = Math.min(Math.max(intervalMs, MAX_BACKOFF_MS), intervalMs * 2 ** Math.max(0, failures - 1));
  return Math.max(doubled, retryAfterMs ?? 0);
}

/**
 * Polls the configured feeds that are due. A replica takes a feed with a short lease on its
 * FeedState row, so one poll runs at a time; errors are logged once per change of state (a feed
 * failing the same way every poll is one line, its recovery another).
 */
@Injectable()
export class FeedPoller {
  private readonly logger = new Logger('Announcements');

  constructor(
    private readonly prisma: PrismaService,
    private readonly memory: FeedMemory,
    private readonly jobs: AnnouncementJobs,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Creates the state of new feeds (due at once) and follows a changed URL. */
  async register(feeds: FeedConfig[]): Promise<void> {
    const now = this.clock.now();
    // ON CONFLICT DO NOTHING: replicas starting together must not trip over each other's insert.
    await this.prisma.feedState.createMany({ data: feeds.map((feed) => ({ name: feed.name, url: feed.url, nextPollAt: now })), skipDuplicates: true });
    for (const feed of feeds) {
      // Validators belong to the old address; the items stay remembered (same feed, moved).
      await this.prisma.feedState.updateMany({ where: { name: feed.name, url: { not: feed.url } }, data: { url: feed.url, etag: null, lastModified: null, nextPollAt: now } });
    }
  }

  async pollDue(feeds: FeedConfig[]): Promise<void> {
    for (const feed of feeds) {
      const now = this.clock.now();
      const leaseUntil = new Date(now.getTime() + this.config.ANNOUNCEMENT_FEED_TIMEOUT_MS + 60_000);
      const claimed = await this.prisma.feedState.updateMany({
        where: { name: feed.name, nextPollAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
        data: { leaseUntil },
      });
      if (claimed.count === 1) await this.poll(feed);
    }
  }

  private async poll(feed: FeedConfig): Promise<void> {
    const state = (await this.prisma.feedState.findUnique({ where: { name: feed.name } }))!;
    const channelId = feed.channelId ?? this.config.DISCORD_ANNOUNCEMENT_CHANNEL_ID!;
    try {
      const response = await fetchFeed(state.url, state, { timeoutMs: this.config.ANNOUNCEMENT_FEED_TIMEOUT_MS, maxBytes: this.config.ANNOUNCEMENT_FEED_MAX_BYTES });
      let validators = { etag: state.etag, lastModified: state.lastModified };
      if (response.kind === 'ok') {
        const parsed = parseFeedEntries(response.body);
        const created = await this.memory.remember({ ...feed, channelId }, state.primed, parsed.title, parsed.entries);
        for (const announcement of created) await this.jobs.deliver(announcement);
        if (!state.primed) this.logger.log(`Feed "${feed.name}": first poll remembered ${parsed.entries.length} item(s)${created.length ? ', posting the latest' : ''}`);
        validators = { etag: response.etag, lastModified: response.lastModified };
      }
      await this.succeeded(feed, state, validators);
    } catch (error) {
      await this.failed(feed, state, error);
    }
  }

  private async succeeded(feed: FeedConfig, state: FeedState, validators: { etag: string | null; lastModified: string | null }): Promise<void> {
    const now = this.clock.now();
    await this.prisma.feedState.update({
      where: { name: feed.name },
      data: { ...validators, primed: true, failures: 0, lastPollAt: now, lastSuccessAt: now, lastError: null, leaseUntil: null, nextPollAt: new Date(now.getTime() + feed.intervalMs) },
    });
    if (state.lastError !== null) this.logger.log(`Feed "${feed.name}" works again (it failed ${state.failures} time(s): ${state.lastError})`);
  }

  private async failed(feed: FeedConfig, state: FeedState, error: unknown): Promise<void> {
    const now = this.clock.now();
    const failures = state.failures + 1;
    const message = error instanceof Error ? error.message : String(error);
    const retryAfter = error instanceof FeedFetchError ? error.retryAfterMs : null;
    const delay = backoffMs(feed.intervalMs, failures, retryAfter);
    await this.prisma.feedState.update({
      where: { name: feed.name },
      data: { failures, lastPollAt: now, lastErrorAt: now, lastError: message, leaseUntil: null, nextPollAt: new Date(now.getTime() + delay) },
    });
    if (state.lastError !== message) {
      this.logger.warn(`Feed "${feed.name}" (${state.url}) failed: ${message}; nothing is posted from it until it works again (next try in ${Math.round(delay / 60_000)} min)`);
    }
  }
}
