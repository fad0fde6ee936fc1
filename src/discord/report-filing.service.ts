import { Injectable } from '@nestjs/common';
import { ActionRowBuilder, ButtonBuilder, ButtonInteraction, ButtonStyle, type ChatInputCommandInteraction, MessageFlags, ModalSubmitInteraction } from 'discord.js';
import { ReportDrafts, Draft } from '../cases/reports/report-drafts';
import { checkForm, ReportType } from '../cases/reports/report-form';
import { ReportsService } from '../cases/reports/reports.service';
import { VotesService } from '../cases/reports/votes.service';
import { AppConfig } from '../config/app-config';
import { CaseType } from '../generated/prisma/enums';
import { AttachmentDownloader } from './attachment-downloader';
import { discordActor, displayName } from './discord-identity';
import { MessageKey, t } from './i18n';
import { PlayerError } from './player-error';
import { priorityOf, ScreenshotRef, sniffImageType, validateScreenshot } from './report-input';
import { reportModal } from './reports/report-modal';

export type { ReportType };

/**
 * /bug and /new_feature: the command opens the form (its options kept in a draft), the form is
 * checked, similar open reports are offered, and the report is filed; its public post is made by
 * the queue (a forum post, or the embed in this channel).
 */
@Injectable()
export class ReportFilingService {
  constructor(
    private readonly drafts: ReportDrafts,
    private readonly reports: ReportsService,
    private readonly votes: VotesService,
    private readonly downloader: AttachmentDownloader,
    private readonly config: AppConfig,
  ) {}

  async open(interaction: ChatInputCommandInteraction, type: ReportType, options: { severity?: string | null; screenshot?: ScreenshotRef | null }): Promise<void> {
    if (!interaction.inGuild()) throw new PlayerError('guild_only', 'report.serverOnly');
    this.assertChannel(type, interaction.commandName, interaction.channelId);
    // Checked before the form: a player should not type a whole report to learn the file is refused.
    const screenshot = validateScreenshot(options.screenshot ?? null, this.config.DISCORD_ATTACHMENT_MAX_BYTES);
    const user = interaction.user;
    const draftId = await this.drafts.create({
      type,
      userId: user.id,
      userName: displayName(user),
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      locale: interaction.locale,
      priority: priorityOf(options.severity),
      screenshot,
    });
    await interaction.showModal(reportModal(type, draftId, interaction.locale));
  }

  async submit(interaction: ModalSubmitInteraction, draftId: string): Promise<void> {
    const draft = await this.drafts.get(draftId, interaction.user.id);
    const values = Object.fromEntries([...interaction.fields.fields.values()].map((f) => [f.customId, 'value' in f ? String(f.value) : '']));
    const checked = checkForm(draft.type, values);
    if ('problem' in checked) {
      const { field, ...limits } = checked.problem;
      throw new PlayerError('invalid_field', 'report.fieldLength', { field: t(interaction.locale, `field.${field}` as MessageKey), ...limits });
    }
    await this.drafts.saveForm(draft.id, checked.form);
    const filled = { ...draft, form: checked.form };
    const similar = await this.reports.similar(filled);
    if (similar.length === 0) {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: await this.file(filled), allowedMentions: { parse: [] } });
      return;
    }
    const locale = interaction.locale;
    const lines = similar.map((c) => `**#${c.number}** · ${c.title} — ${t(locale, 'report.votes')}: ${c.votes}`);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      ...similar.map((c) => new ButtonBuilder({ customId: `report/dup/${draft.id}/${c.number}`, label: `${t(locale, draft.type === 'FEATURE' ? 'vote.FEATURE' : 'vote.BUG')}: #${c.number}`, style: ButtonStyle.Primary })),
      new ButtonBuilder({ customId: `report/file/${draft.id}`, label: t(locale, 'report.fileAnyway'), style: ButtonStyle.Secondary }),
    );
    await interaction.reply({ content: `${t(locale, 'report.duplicates')}\n\n${lines.join('\n')}`, components: [row], flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }

  async fileAnyway(interaction: ButtonInteraction, draftId: string): Promise<void> {
    const draft = await this.drafts.get(draftId, interaction.user.id);
    await interaction.deferUpdate();
    await interaction.editReply({ content: await this.file(draft), components: [], allowedMentions: { parse: [] } });
  }

  async voteInstead(interaction: ButtonInteraction, draftId: string, number: number): Promise<void> {
    const draft = await this.drafts.get(draftId, interaction.user.id);
    const outcome = await this.votes.add(number, { id: draft.userId, name: draft.userName, locale: draft.locale });
    await this.drafts.take(draft.id);
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder({ customId: `report/notify/${outcome.number}`, label: t(draft.locale, 'report.notifyMe'), style: ButtonStyle.Secondary }),
    );
    await interaction.update({ content: t(draft.locale, 'report.voted', { n: outcome.number, votes: outcome.votes }), components: [row], allowedMentions: { parse: [] } });
  }

  /** Downloads the screenshot (Discord's URLs expire), files the case, and says where its post goes. */
  private async file(draft: Draft): Promise<string> {
    let screenshot: { filename: string; contentType: string; data: Buffer } | null = null;
    if (draft.screenshot) {
      const data = await this.downloader.download(draft.screenshot.url, this.config.DISCORD_ATTACHMENT_MAX_BYTES);
      const contentType = sniffImageType(data);
      if (!contentType) throw new PlayerError('screenshot_not_image', 'report.screenshotNotImage');
      screenshot = { filename: draft.screenshot.filename, contentType, data };
    }
    const created = await this.reports.file(draft, screenshot, discordActor(draft.userId));
    const forum = draft.type === CaseType.FEATURE ? this.config.DISCORD_FEATURE_FORUM_ID : this.config.DISCORD_BUG_FORUM_ID;
    return t(draft.locale, 'report.filed', { n: created.number, where: `<#${forum ?? draft.channelId}>` });
  }

  private assertChannel(type: ReportType, command: string, channelId: string): void {
    const allowed = type === CaseType.BUG ? this.config.DISCORD_BUG_CHANNEL_IDS : this.config.DISCORD_FEATURE_CHANNEL_IDS;
    if (allowed.length === 0 || allowed.includes(channelId)) return;
    throw new PlayerError('wrong_channel', 'report.wrongChannel', { command, channels: allowed.map((id) => `<#${id}>`).join(', ') });
  }
}
