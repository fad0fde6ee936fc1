import { Injectable, UseFilters } from '@nestjs/common';
import { ApplicationIntegrationType, Attachment, InteractionContextType } from 'discord.js';
import { AttachmentOption, Context, Options, SlashCommand, type SlashCommandContext, StringOption } from 'necord';
import { CaseType } from '../../generated/prisma/enums';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { localizations, t } from '../i18n';
import { ReportFilingService } from '../report-filing.service';
import { DESCRIPTION_LENGTH, SEVERITY_PRIORITY, TITLE_LENGTH } from '../report-input';

export class BugOptions {
  @StringOption({ name: 'title', description: t('en', 'command.bug.title'), description_localizations: localizations('command.bug.title'), required: true, min_length: TITLE_LENGTH.min, max_length: TITLE_LENGTH.max })
  title!: string;

  @StringOption({ name: 'description', description: t('en', 'command.bug.description'), description_localizations: localizations('command.bug.description'), required: true, min_length: DESCRIPTION_LENGTH.min, max_length: DESCRIPTION_LENGTH.max })
  description!: string;

  @StringOption({
    name: 'severity',
    description: t('en', 'command.bug.severity'),
    description_localizations: localizations('command.bug.severity'),
    required: false,
    choices: (Object.keys(SEVERITY_PRIORITY) as (keyof typeof SEVERITY_PRIORITY)[]).map((value) => ({
      name: t('en', `priority.${SEVERITY_PRIORITY[value]}`),
      name_localizations: localizations(`priority.${SEVERITY_PRIORITY[value]}`),
      value,
    })),
  })
  severity!: string | null;

  @AttachmentOption({ name: 'screenshot', description: t('en', 'command.bug.screenshot'), description_localizations: localizations('command.bug.screenshot'), required: false })
  screenshot!: Attachment | null;
}

@Injectable()
@UseFilters(DiscordExceptionFilter)
export class BugCommand {
  constructor(private readonly reports: ReportFilingService) {}

  @SlashCommand({
    name: 'bug',
    description: t('en', 'command.bug'),
    descriptionLocalizations: localizations('command.bug'),
    contexts: [InteractionContextType.Guild],
    integrationTypes: [ApplicationIntegrationType.GuildInstall],
  })
  async onBug(@Context() [interaction]: SlashCommandContext, @Options() options: BugOptions): Promise<void> {
    const { screenshot } = options;
    await this.reports.file(interaction, CaseType.BUG, {
      ...options,
      screenshot: screenshot ? { url: screenshot.url, filename: screenshot.name, size: screenshot.size, contentType: screenshot.contentType } : null,
    });
  }
}
