import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { AnnouncementJobs } from './announcement-jobs';
import { FeedConfig, parseFeedList } from './feed-config';
import { FeedPoller } from './feed-poller';

/**
 * Every ANNOUNCEMENT_TICK_MS: polls the feeds that are due and queues the scheduled announcements
 * whose time has come. Due-ness is read from the injectable Clock (tests move it), the delivery
 * itself is a durable job; queueing is deduplicated, so every replica may tick.
 */
@Injectable()
export class AnnouncementScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Announcements');
  readonly feeds: FeedConfig[];
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly poller: FeedPoller,
    private readonly jobs: AnnouncementJobs,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.feeds = parseFeedList(config.ANNOUNCEMENT_FEEDS);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.poller.register(this.feeds);
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  /** One round; exposed so tests and a hand-over can run it without waiting for the timer. */
  async tick(): Promise<void> {
    await this.poller.pollDue(this.feeds);
    const due = await this.prisma.announcement.findMany({
      where: { status: 'SCHEDULED', postAt: { lte: this.clock.now() } },
      orderBy: { postAt: 'asc' },
      take: 100,
      select: { id: true, revision: true, status: true },
    });
    for (const announcement of due) await this.jobs.deliver(announcement);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.tick()
        .catch((error: unknown) => this.logger.warn({ err: error }, `Announcements tick failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.current = null;
          this.schedule(this.config.ANNOUNCEMENT_TICK_MS);
        });
    }, ms);
  }
}
