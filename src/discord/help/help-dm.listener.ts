import { Injectable, Logger } from '@nestjs/common';
import { ChannelType } from 'discord.js';
import { Context, type ContextOf, On } from 'necord';
import { PlayerMessagesHandler } from '../../conversations/player-messages.handler';
import { HelpDmIntake } from '../help-dm-intake';

/** Player DMs to the bot go to the routing core; guild messages and bots are ignored. */
@Injectable()
export class HelpDmListener {
  private readonly logger = new Logger(HelpDmListener.name);

  constructor(
    private readonly help: PlayerMessagesHandler,
    private readonly intake: HelpDmIntake,
  ) {}

  @On('messageCreate')
  async onMessage(@Context() [message]: ContextOf<'messageCreate'>) {
    if (message.author.bot || message.channel.type !== ChannelType.DM) return;
    try {
      // The intake applies the flood limit and the file rules (size, count, quota, type) first.
      await this.intake.receive(message, (media) =>
        this.help.receive({
          player: { id: message.author.id, displayName: message.author.globalName ?? message.author.username, channelId: message.channelId },
          playerMessageId: message.id,
          body: message.content,
          media,
        }),
      );
    } catch (error) {
      // A listener has no reply to carry the error: log it with the message so it can be traced.
      this.logger.error({ err: error, discordMessageId: message.id }, 'Handling a player DM failed');
    }
  }
}
