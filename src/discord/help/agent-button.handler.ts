import { Injectable, UseFilters } from '@nestjs/common';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { Button, type ButtonContext, Context } from 'necord';
import { AGENT_BUTTON_ID } from '../../conversations/ports';
import { ConversationsService } from '../../conversations/conversations.service';

/** The "Talk to a live agent" button under the bot's answers. */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class AgentButtonHandler {
  constructor(private readonly conversations: ConversationsService) {}

  @Button(AGENT_BUTTON_ID)
  async onClick(@Context() [interaction]: ButtonContext) {
    // Acknowledge at once (the hand-off may take longer than Discord's 3 s); the answer comes as DMs.
    await interaction.deferUpdate();
    await this.conversations.requestAgentByButton(
      interaction.user.id,
      interaction.user.globalName ?? interaction.user.username,
      interaction.channelId,
      interaction.locale,
    );
  }
}
