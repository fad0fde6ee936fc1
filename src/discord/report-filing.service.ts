import { Injectable } from '@nestjs/common';
import type { ChatInputCommandInteraction } from 'discord.js';
import { CasesService } from '../cases/cases.service';
import { AppConfig } from '../config/app-config';
import { toLocale } from '../conversations/ports';
import { CaseType } from '../generated/prisma/enums';
import { AttachmentDownloader } from './attachment-downloader';
import { filedCaseEmbed } from './case-embeds';
import { discordActor, displayName } from './discord-identity';
import { PlayerError } from './player-error';
import { ReportInput, sniffImageType, validateReport } from './report-input';

export type ReportType = typeof CaseType.BUG | typeof CaseType.FEATURE;

/** /bug and /new_feature: checks the report, files the case, answers in the channel. */
@Injectable()
export class ReportFilingService {
  constructor(
    private readonly cases: CasesService,
    private readonly downloader: AttachmentDownloader,
    private readonly config: AppConfig,
  ) {}

  async file(interaction: ChatInputCommandInteraction, type: ReportType, input: ReportInput): Promise<void> {
    if (!interaction.inGuild()) throw new PlayerError('guild_only', 'report.serverOnly');
    this.assertChannel(type, interaction.commandName, interaction.channelId);
    // Everything the player can fix is checked before anything is created or shown publicly.
    const report = validateReport(input, this.config.DISCORD_ATTACHMENT_MAX_BYTES);

    // Downloading and writing may take longer than Discord's 3 s: acknowledge first (publicly).
    await interaction.deferReply();
    let screenshot: { filename: string; contentType: string; data: Buffer } | null = null;
    if (report.screenshot) {
      const data = await this.downloader.download(report.screenshot.url, this.config.DISCORD_ATTACHMENT_MAX_BYTES);
      const contentType = sniffImageType(data);
      if (!contentType) throw new PlayerError('screenshot_not_image', 'report.screenshotNotImage');
      screenshot = { filename: report.screenshot.filename, contentType, data };
    }

    const user = interaction.user;
    const created = await this.cases.create(
      {
        type,
        title: report.title,
        description: report.description,
        priority: report.priority,
        reporterId: user.id,
        reporterName: displayName(user),
        reporterLocale: toLocale(interaction.locale),
        guildId: interaction.guildId,
        channelId: interaction.channelId,
        attachments: screenshot ? [screenshot] : [],
      },
      discordActor(user.id),
    );

    // Public message: in the server's language, and never a ping whatever the title says.
    await interaction.editReply({
      embeds: [filedCaseEmbed(created, interaction.guildLocale ?? interaction.locale, screenshot?.filename ?? null)],
      allowedMentions: { parse: [] },
    });
  }

  private assertChannel(type: ReportType, command: string, channelId: string): void {
    const allowed = type === CaseType.BUG ? this.config.DISCORD_BUG_CHANNEL_IDS : this.config.DISCORD_FEATURE_CHANNEL_IDS;
    if (allowed.length === 0 || allowed.includes(channelId)) return;
    throw new PlayerError('wrong_channel', 'report.wrongChannel', { command, channels: allowed.map((id) => `<#${id}>`).join(', ') });
  }
}
