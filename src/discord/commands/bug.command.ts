import { Injectable, UseFilters } from '@nestjs/common';
import { ApplicationIntegrationType, Attachment, InteractionContextType } from 'discord.js';
import { AttachmentOption, Context, Options, SlashCommand, type SlashCommandContext, StringOption } from 'necord';
import { CaseType } from '../../generated/prisma/enums';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { localizations, t } from '../i18n';
import { ReportFilingService } from '../report-filing.service';
import { SEVERITY_PRIORITY } from '../report-input';

/** The report itself is the form (a modal); the command keeps the options a form cannot hold. */
export class BugOptions {
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
    await this.reports.open(interaction, CaseType.BUG, {
      severity: options.severity,
      screenshot: screenshot ? { url: screenshot.url, filename: screenshot.name, size: screenshot.size, contentType: screenshot.contentType } : null,
    });
  }
}
