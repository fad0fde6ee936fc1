import { Injectable, UseFilters } from '@nestjs/common';
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { Context, IntegerOption, Options, SlashCommand, type SlashCommandContext } from 'necord';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { localizations, t } from '../i18n';
import { PlayerCasesService } from '../player-cases.service';

export class CaseOptions {
  @IntegerOption({ name: 'number', description: t('en', 'command.case.number'), description_localizations: localizations('command.case.number'), required: false, min_value: 1 })
  number!: number | null;
}

@Injectable()
@UseFilters(DiscordExceptionFilter)
export class CaseCommand {
  constructor(private readonly playerCases: PlayerCasesService) {}

  @SlashCommand({
    name: 'case',
    description: t('en', 'command.case'),
    descriptionLocalizations: localizations('command.case'),
    // Also in the bot's DM, where help chats happen.
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integrationTypes: [ApplicationIntegrationType.GuildInstall],
  })
  async onCase(@Context() [interaction]: SlashCommandContext, @Options() { number }: CaseOptions): Promise<void> {
    await this.playerCases.show(interaction, number ?? null);
  }
}
