import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PrismaService } from '../database/prisma.service';
import type { Announcement } from '../generated/prisma/client';
import type { FeedConfig } from './feed-config';
import type { FeedEntry } from './feed-items';

/** A feed that suddenly shows many unseen items (a new URL, a rebuilt site) must not flood the channel. */
export const MAX_POSTS_PER_POLL = 3;

/**
 * Remembers a feed's items and turns the unseen ones into scheduled announcements, in one
 * transaction: the (feed, item) primary key makes an item new for exactly one poll, whichever
 * replica runs it and however often the service restarts.
 */
@Injectable()
export class FeedMemory {
  private readonly logger = new Logger('Announcements');

  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  /** Returns the announcements to deliver. On the first poll (`primed` false) only remembers, unless `latest`. */
  async remember(feed: FeedConfig & { channelId: string }, primed: boolean, title: string | null, entries: FeedEntry[]): Promise<Announcement[]> {
    if (entries.length === 0) return [];
    const now = this.clock.now();
    return this.prisma.$transaction(async (tx) => {
      const inserted = await tx.feedItem.createManyAndReturn({
        data: entries.map((entry) => ({ feedName: feed.name, itemKey: entry.key, seenAt: now })),
        skipDuplicates: true,
        select: { itemKey: true },
      });
      const fresh = new Set(inserted.map((row) => row.itemKey));
      let toPost = entries.filter((entry) => fresh.has(entry.key)); // newest first
      if (!primed) toPost = feed.postLatest ? toPost.slice(0, 1) : [];
      if (toPost.length > MAX_POSTS_PER_POLL) {
        this.logger.warn(`Feed "${feed.name}" shows ${toPost.length} new items at once; posting the newest ${MAX_POSTS_PER_POLL}, remembering the rest`);
        toPost = toPost.slice(0, MAX_POSTS_PER_POLL);
      }
      const created: Announcement[] = [];
      for (const entry of toPost.reverse()) {
        const announcement = await tx.announcement.create({
          data: {
            source: 'FEED',
            status: 'SCHEDULED',
            title: entry.title,
            body: entry.summary,
            url: entry.url,
            imageUrl: entry.imageUrl,
            sourceName: title ? `${title}` : feed.name,
            mentionRoleId: feed.mentionRoleId,
            channelId: feed.channelId,
            postAt: now,
            itemPublishedAt: entry.publishedAt,
            createdBy: `feed:${feed.name}`,
          },
        });
        await tx.feedItem.update({ where: { feedName_itemKey: { feedName: feed.name, itemKey: entry.key } }, data: { announcementId: announcement.id } });
        created.push(announcement);
      }
      return created;
    });
  }
}
