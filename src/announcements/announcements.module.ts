import { DynamicModule, Module, Type } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { AnnouncementDelivery } from './announcement-delivery';
import { AnnouncementJobs } from './announcement-jobs';
import { AnnouncementScheduler } from './announcement-scheduler';
import { AnnouncementsController } from './announcements.controller';
import { AnnouncementsService } from './announcements.service';
import { AnnouncementChannelCheck } from './channel-check';
import { FeedMemory } from './feed-memory';
import { FeedPoller } from './feed-poller';
import { FeedsService } from './feeds.service';

/**
 * #announcements: manual announcements, feeds and their delivery. `adapters` provide the
 * AnnouncementPublisher port (Discord) and may use AnnouncementsService (the /announce command).
 */
@Module({})
export class AnnouncementsModule {
  static forRoot(options: { adapters: (DynamicModule | Type)[] }): DynamicModule {
    return {
      module: AnnouncementsModule,
      global: true,
      imports: [QueueModule, ...options.adapters],
      controllers: [AnnouncementsController],
      providers: [AnnouncementsService, AnnouncementJobs, AnnouncementDelivery, AnnouncementScheduler, AnnouncementChannelCheck, FeedMemory, FeedPoller, FeedsService],
      exports: [AnnouncementsService],
    };
  }
}
