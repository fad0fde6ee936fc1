import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ServiceStoppingError } from '../common/service-stopping';
import { AppConfig } from '../config/app-config';
import { AnnouncementPublisher } from './announcement-publisher';
import { AnnouncementScheduler } from './announcement-scheduler';

/**
 * At start-up, one line per announcement channel that cannot be posted to, naming the variable that
 * set it: the fix is in the configuration or the channel's permissions, and both are named.
 */
@Injectable()
export class AnnouncementChannelCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Announcements');

  constructor(
    private readonly publisher: AnnouncementPublisher,
    private readonly scheduler: AnnouncementScheduler,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the check waits for the Discord connection, boot does not.
    void this.check().catch((error: unknown) => {
      if (!(error instanceof ServiceStoppingError)) this.logger.warn({ err: error }, 'Checking the announcement channels failed');
    });
  }

  async check(): Promise<string[]> {
    const targets = new Map<string, string>();
    if (this.config.DISCORD_ANNOUNCEMENT_CHANNEL_ID) targets.set(this.config.DISCORD_ANNOUNCEMENT_CHANNEL_ID, `DISCORD_ANNOUNCEMENT_CHANNEL_ID=${this.config.DISCORD_ANNOUNCEMENT_CHANNEL_ID}`);
    for (const feed of this.scheduler.feeds) {
      if (feed.channelId && !targets.has(feed.channelId)) targets.set(feed.channelId, `ANNOUNCEMENT_FEEDS (feed "${feed.name}") channel=${feed.channelId}`);
    }
    const problems: string[] = [];
    for (const [channelId, variable] of targets) {
      const problem = await this.publisher.checkChannel(channelId);
      if (problem === null) continue;
      const line = `${variable}: announcements cannot be posted there: ${problem}`;
      this.logger.error(line);
      problems.push(line);
    }
    return problems;
  }
}
