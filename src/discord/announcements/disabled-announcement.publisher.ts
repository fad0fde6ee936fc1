import { Injectable } from '@nestjs/common';
import { AnnouncementPublisher } from '../../announcements/announcement-publisher';
import { DiscordDeliveryError } from '../discord-errors';

const OFF = 'The Discord bot is off: DISCORD_TOKEN is not set';

/** Without DISCORD_TOKEN announcements are stored, and their delivery fails as "unavailable". */
@Injectable()
export class DisabledAnnouncementPublisher extends AnnouncementPublisher {
  private unavailable(): Promise<never> {
    return Promise.reject(new DiscordDeliveryError('discord_unavailable', 503, OFF));
  }

  post() {
    return this.unavailable();
  }

  crosspost() {
    return this.unavailable();
  }

  edit() {
    return this.unavailable();
  }

  remove() {
    return this.unavailable();
  }

  checkChannel(): Promise<string | null> {
    return Promise.resolve('the Discord bot is off (DISCORD_TOKEN is not set)');
  }
}
