import { Injectable, Logger, UseFilters } from '@nestjs/common';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags } from 'discord.js';
import { Button, type ButtonContext, ComponentParam, Context, Modal, type ModalContext, ModalParam, Once } from 'necord';
import { VotesService } from '../../cases/reports/votes.service';
import { ServiceStoppingError } from '../../common/service-stopping';
import { AppConfig } from '../../config/app-config';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { displayName } from '../discord-identity';
import { t } from '../i18n';
import { PlayerError } from '../player-error';
import { ReportFilingService } from '../report-filing.service';
import { ForumTags } from './forum-tags';

const caseNumber = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new PlayerError('not_found', 'cases.notFound', { n: value }, 404);
  return n;
};

/** The report form's answer, the buttons under suggestions and posts, and the forum tags at start-up. */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class ReportInteractions {
  private readonly logger = new Logger('Reports');

  constructor(
    private readonly filing: ReportFilingService,
    private readonly votes: VotesService,
    private readonly tags: ForumTags,
    private readonly config: AppConfig,
  ) {}

  @Once('clientReady')
  async onReady(): Promise<void> {
    for (const forumId of [this.config.DISCORD_BUG_FORUM_ID, this.config.DISCORD_FEATURE_FORUM_ID]) {
      if (!forumId) continue;
      await this.tags.prepare(forumId).catch((error: unknown) => {
        if (error instanceof ServiceStoppingError) return; // the service stops: nothing to report
        this.logger.warn({ err: error }, `Forum ${forumId} could not be checked: reports go to the channel they were filed in when it refuses posts`);
      });
    }
  }

  @Modal('report/:draft')
  async onForm(@Context() [interaction]: ModalContext, @ModalParam('draft') draft: string): Promise<void> {
    await this.filing.submit(interaction, draft);
  }

  @Button('report/file/:draft')
  async onFileAnyway(@Context() [interaction]: ButtonContext, @ComponentParam('draft') draft: string): Promise<void> {
    await this.filing.fileAnyway(interaction, draft);
  }

  @Button('report/dup/:draft/:n')
  async onVoteInstead(@Context() [interaction]: ButtonContext, @ComponentParam('draft') draft: string, @ComponentParam('n') n: string): Promise<void> {
    await this.filing.voteInstead(interaction, draft, caseNumber(n));
  }

  /** "Me too" / "Upvote" on a post: one vote per user, a second click takes it back. */
  @Button('report/vote/:n')
  async onVote(@Context() [interaction]: ButtonContext, @ComponentParam('n') n: string): Promise<void> {
    const locale = interaction.locale;
    const outcome = await this.votes.toggle(caseNumber(n), { id: interaction.user.id, name: displayName(interaction.user), locale });
    const components = outcome.voted
      ? [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder({ customId: `report/notify/${outcome.number}`, label: t(locale, 'report.notifyMe'), style: ButtonStyle.Secondary }))]
      : [];
    const content = t(locale, outcome.voted ? 'report.voted' : 'report.unvoted', { n: outcome.number, votes: outcome.votes });
    await interaction.reply({ content, components, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }

  @Button('report/notify/:n')
  async onNotify(@Context() [interaction]: ButtonContext, @ComponentParam('n') n: string): Promise<void> {
    const number = caseNumber(n);
    const done = await this.votes.setNotify(number, interaction.user.id, true);
    await interaction.update({ content: t(interaction.locale, done ? 'report.notifyOn' : 'report.noVote', { n: number }), components: [], allowedMentions: { parse: [] } });
  }
}
