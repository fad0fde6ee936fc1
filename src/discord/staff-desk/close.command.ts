import { Injectable, UseFilters } from '@nestjs/common';
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { Context, Options, SlashCommand, type SlashCommandContext, StringOption } from 'necord';
import { AppConfig } from '../../config/app-config';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { StaffActions } from './staff-actions';
import { assertStaff } from './staff-member';

class CloseOptions {
  @StringOption({ name: 'reason', description: 'Why the chat ends (kept in the case history)', required: false, max_length: 500 })
  reason?: string;
}

/** /close [reason] in a staff thread: the same as its Close button, with a reason. */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class CloseCommand {
  constructor(
    private readonly actions: StaffActions,
    private readonly config: AppConfig,
  ) {}

  @SlashCommand({
    name: 'close',
    description: 'Close the help chat of this staff thread',
    contexts: [InteractionContextType.Guild],
    integrationTypes: [ApplicationIntegrationType.GuildInstall],
  })
  async onClose(@Context() [interaction]: SlashCommandContext, @Options() { reason }: CloseOptions) {
    const member = assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    await interaction.deferReply();
    await this.actions.close(interaction.channelId, member, reason);
    await interaction.editReply({ content: `Closed by ${member.name}${reason ? `: ${reason}` : ''}. This thread is now archived and locked.`, allowedMentions: { parse: [] } });
    await this.actions.archive(interaction.channelId);
  }
}
