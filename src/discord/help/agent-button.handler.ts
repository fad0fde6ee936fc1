import { Injectable, UseFilters } from '@nestjs/common';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { Button, type ButtonContext, Context } from 'necord';
import { PlayerMessagesHandler } from '../../conversations/player-messages.handler';
import { AGENT_BUTTON_ID } from './agent-button';

/** The "Talk to a live agent" button under the bot's answers. */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class AgentButtonHandler {
  constructor(private readonly help: PlayerMessagesHandler) {}

  @Button(AGENT_BUTTON_ID)
  async onClick(@Context() [interaction]: ButtonContext) {
    // Acknowledge at once (the hand-off may take longer than Discord's 3 s); the answer comes as DMs.
    await interaction.deferUpdate();
    const { user } = interaction;
    await this.help.requestAgent({ id: user.id, displayName: user.globalName ?? user.username, channelId: interaction.channelId }, interaction.locale);
  }
}
