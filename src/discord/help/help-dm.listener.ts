import { Injectable, Logger } from '@nestjs/common';
import { ChannelType } from 'discord.js';
import { Context, type ContextOf, On } from 'necord';
import { ConversationsService } from '../../conversations/conversations.service';
import { HelpDmIntake } from '../help-dm-intake';

/** Player DMs to the bot go to the routing core; guild messages and bots are ignored. */
@Injectable()
export class HelpDmListener {
  private readonly logger = new Logger(HelpDmListener.name);

  constructor(
    private readonly conversations: ConversationsService,
    private readonly intake: HelpDmIntake,
  ) {}

  @On('messageCreate')
  async onMessage(@Context() [message]: ContextOf<'messageCreate'>) {
    if (message.author.bot || message.channel.type !== ChannelType.DM) return;
    try {
      // The intake applies the flood limit and the file rules (size, count, quota, type) first.
      await this.intake.receive(message, (media) =>
        this.conversations.handlePlayerDm({
          discordMessageId: message.id,
          userId: message.author.id,
          userName: message.author.globalName ?? message.author.username,
          dmChannelId: message.channelId,
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
