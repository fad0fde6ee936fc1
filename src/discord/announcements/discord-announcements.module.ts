import { DynamicModule, Module } from '@nestjs/common';
import { AnnouncementPublisher } from '../../announcements/announcement-publisher';
import { AppConfig } from '../../config/app-config';
import { AnnounceCommand } from './announce.command';
import { DisabledAnnouncementPublisher } from './disabled-announcement.publisher';
import { DiscordAnnouncementPublisher } from './discord-announcement.publisher';

/** Discord for announcements: the AnnouncementPublisher port and, when the bot is on, /announce. */
@Module({})
export class DiscordAnnouncementsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const on = Boolean(config.DISCORD_TOKEN);
    return {
      module: DiscordAnnouncementsModule,
      providers: [{ provide: AnnouncementPublisher, useClass: on ? DiscordAnnouncementPublisher : DisabledAnnouncementPublisher }, ...(on ? [AnnounceCommand] : [])],
      exports: [AnnouncementPublisher],
    };
  }
}
