import { Injectable, UseFilters } from '@nestjs/common';
import { Button, type ButtonContext, ComponentParam, Context } from 'necord';
import { FeedbackService } from '../../chatbot/feedback/feedback.service';
import { PlayerChannel } from '../../conversations/ports';
import { FEEDBACK_BUTTON_PREFIX } from './agent-button';
import { helpMessage } from '../../conversations/help-messages';
import { DiscordExceptionFilter } from '../discord-exception.filter';

/** The "did this help?" buttons under the bot's article suggestions. */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class FeedbackButtonHandler {
  constructor(
    private readonly feedback: FeedbackService,
    private readonly player: PlayerChannel,
  ) {}

  @Button(`${FEEDBACK_BUTTON_PREFIX}/:vote/:id`)
  async onClick(@Context() [interaction]: ButtonContext, @ComponentParam('vote') vote: string, @ComponentParam('id') id: string) {
    await interaction.deferUpdate();
    const reply = await this.feedback.vote(id, vote === 'yes', interaction.user.id);
    if (!reply.recorded) return;
    await this.player.send(interaction.channelId, {
      text: reply.text,
      ...(reply.offerAgent ? { agentButtonLabel: helpMessage(reply.locale, 'agentButton') } : {}),
    });
  }
}
