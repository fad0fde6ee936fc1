import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import { AnnouncementScheduler } from './announcement-scheduler';
import { feedView } from './feeds.view';

/** The configured feeds with their stored state. */
@Injectable()
export class FeedsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly scheduler: AnnouncementScheduler,
    private readonly config: AppConfig,
  ) {}

  async list() {
    const states = await this.prisma.feedState.findMany({ where: { name: { in: this.scheduler.feeds.map((f) => f.name) } } });
    const byName = new Map(states.map((state) => [state.name, state]));
    return this.scheduler.feeds.map((feed) => feedView(feed, byName.get(feed.name), this.config.DISCORD_ANNOUNCEMENT_CHANNEL_ID));
  }
}
