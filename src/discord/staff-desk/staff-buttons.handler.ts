import { Injectable, UseFilters } from '@nestjs/common';
import { MessageFlags } from 'discord.js';
import { Button, type ButtonContext, Context } from 'necord';
import { AppConfig } from '../../config/app-config';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { StaffActions } from './staff-actions';
import { assertStaff } from './staff-member';
import { CLAIM_BUTTON_ID, CLOSE_BUTTON_ID, TAKE_OVER_BUTTON_ID, takeOverButton } from './thread-render';

/** Claim, Take over (after "someone has it") and Close under a staff thread's first message. */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class StaffButtonsHandler {
  constructor(
    private readonly actions: StaffActions,
    private readonly config: AppConfig,
  ) {}

  @Button(CLAIM_BUTTON_ID)
  onClaim(@Context() [interaction]: ButtonContext) {
    return this.claim(interaction, false);
  }

  @Button(TAKE_OVER_BUTTON_ID)
  onTakeOver(@Context() [interaction]: ButtonContext) {
    return this.claim(interaction, true);
  }

  @Button(CLOSE_BUTTON_ID)
  async onClose(@Context() [interaction]: ButtonContext) {
    const member = assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    await interaction.deferReply();
    await this.actions.close(interaction.channelId, member);
    await interaction.editReply({ content: `Closed by ${member.name}. The player was told; this thread is now archived and locked.`, allowedMentions: { parse: [] } });
    await this.actions.archive(interaction.channelId);
  }

  private async claim(interaction: ButtonContext[0], takeOver: boolean): Promise<void> {
    const member = assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    // Telling the player and updating the case can take longer than Discord's 3 s.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const outcome = await this.actions.claim(interaction.channelId, member, takeOver);
    if (outcome.claimed) {
      await interaction.editReply({ content: 'You have this chat now; the player was told.' });
      await interaction.followUp({ content: `${member.name} ${takeOver ? 'took over' : 'claimed'} this chat.`, allowedMentions: { parse: [] } });
    } else if ('heldBy' in outcome) {
      await interaction.editReply({ content: `${outcome.heldBy} has this chat. Take it over?`, components: takeOverButton(), allowedMentions: { parse: [] } });
    } else {
      await interaction.editReply({ content: 'You already have this chat.' });
    }
  }
}
