import { Injectable, UseFilters } from '@nestjs/common';
import { ApplicationIntegrationType, InteractionContextType } from 'discord.js';
import { Context, Options, SlashCommand, type SlashCommandContext, StringOption } from 'necord';
import { CaseType } from '../../generated/prisma/enums';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { localizations, t } from '../i18n';
import { ReportFilingService } from '../report-filing.service';
import { DESCRIPTION_LENGTH, TITLE_LENGTH } from '../report-input';

export class NewFeatureOptions {
  @StringOption({ name: 'title', description: t('en', 'command.new_feature.title'), description_localizations: localizations('command.new_feature.title'), required: true, min_length: TITLE_LENGTH.min, max_length: TITLE_LENGTH.max })
  title!: string;

  @StringOption({ name: 'description', description: t('en', 'command.new_feature.description'), description_localizations: localizations('command.new_feature.description'), required: true, min_length: DESCRIPTION_LENGTH.min, max_length: DESCRIPTION_LENGTH.max })
  description!: string;
}

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
  async onNewFeature(@Context() [interaction]: SlashCommandContext, @Options() options: NewFeatureOptions): Promise<void> {
    await this.reports.file(interaction, CaseType.FEATURE, options);
  }
}
