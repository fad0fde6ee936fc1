import { Injectable, UseFilters } from '@nestjs/common';
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { Context, SlashCommand, type SlashCommandContext } from 'necord';
import { CaseType } from '../../generated/prisma/enums';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { localizations, t } from '../i18n';
import { ReportFilingService } from '../report-filing.service';

@Injectable()
@UseFilters(DiscordExceptionFilter)
export class NewFeatureCommand {
  constructor(private readonly reports: ReportFilingService) {}

  @SlashCommand({
    name: 'new_feature',
    description: t('en', 'command.new_feature'),
    descriptionLocalizations: localizations('command.new_feature'),
    contexts: [InteractionContextType.Guild],
    integrationTypes: [ApplicationIntegrationType.GuildInstall],
  })
  async onNewFeature(@Context() [interaction]: SlashCommandContext): Promise<void> {
    // The idea is written in the form (a modal) the command opens.
    await this.reports.open(interaction, CaseType.FEATURE, {});
  }
}
