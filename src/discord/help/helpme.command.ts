import { Injectable, UseFilters } from '@nestjs/common';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { MessageFlags } from 'discord.js';
import { Context, Options, SlashCommand, type SlashCommandContext, StringOption } from 'necord';
import { PlayerMessagesHandler } from '../../conversations/player-messages.handler';
import { PlayerUnreachableError, toLocale } from '../../conversations/ports';
import { helpText } from './help-texts';

export class HelpmeOptions {
  @StringOption({ name: 'question', description: 'What do you need help with?', required: false, max_length: 1000 })
  question?: string;
}

/** /helpme: the help chat moves to a DM; the channel only sees an ephemeral confirmation. */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class HelpmeCommand {
  constructor(private readonly help: PlayerMessagesHandler) {}

  @SlashCommand({ name: 'helpme', description: 'Get help from the support team in a direct message' })
  async helpme(@Context() [interaction]: SlashCommandContext, @Options() options: HelpmeOptions) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const locale = toLocale(interaction.locale);
    try {
      await this.help.startHelp({
        player: { id: interaction.user.id, displayName: interaction.user.globalName ?? interaction.user.username },
        locale: interaction.locale,
        question: options.question,
      });
    } catch (error) {
      // DMs closed: explain how to open them; nothing was created.
      if (error instanceof PlayerUnreachableError) {
        await interaction.editReply({ content: helpText(locale, 'dmClosed') });
        return;
      }
      throw error;
    }
    await interaction.editReply({ content: helpText(locale, 'helpmeConfirm') });
  }
}
