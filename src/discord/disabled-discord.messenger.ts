import { Injectable } from '@nestjs/common';
import { DiscordMessenger } from './discord-messenger';
import { DiscordDeliveryError } from './discord-errors';

/** Stands in for Discord when DISCORD_TOKEN is not set: every send fails as "unavailable". */
@Injectable()
export class DisabledDiscordMessenger extends DiscordMessenger {
  private unavailable(): never {
    throw new DiscordDeliveryError('discord_unavailable', 503, 'The Discord bot is off: DISCORD_TOKEN is not set');
  }

  openDm(): Promise<string> {
    return Promise.resolve().then(() => this.unavailable());
  }

  sendDm(): Promise<{ channelId: string; messageId: string }> {
    return Promise.resolve().then(() => this.unavailable());
  }

  sendToChannel(): Promise<{ messageId: string }> {
    return Promise.resolve().then(() => this.unavailable());
  }
}
