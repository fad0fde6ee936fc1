import { Injectable, UseFilters } from '@nestjs/common';
import { ActionRowBuilder, ApplicationIntegrationType, ButtonBuilder, ButtonStyle, InteractionContextType, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { Button, type ButtonContext, ComponentParam, Context, Modal, type ModalContext, SlashCommand, type SlashCommandContext } from 'necord';
import { BODY_MAX, parsePostAt, roleIdOf, TITLE_MAX } from '../../announcements/announcement-input';
import { AnnouncementsService } from '../../announcements/announcements.service';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { assertMayAnnounce } from './announce-access';
import { announcementEmbed } from './announcement-message';

const MODAL_ID = 'announce/new';
const input = (id: string, label: string, style: TextInputStyle, required: boolean, max: number, placeholder?: string) =>
  new ActionRowBuilder<TextInputBuilder>().addComponents(
    new TextInputBuilder({ customId: id, label, style, required, maxLength: max, ...(placeholder ? { placeholder } : {}) }),
  );
const when = (date: Date) => `<t:${Math.floor(date.getTime() / 1000)}:F>`;

/** /announce: a form, a private preview with Post / Cancel, then the post (now or at its time). */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class AnnounceCommand {
  constructor(
    private readonly announcements: AnnouncementsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @SlashCommand({
    name: 'announce',
    description: 'Post an announcement (now or later) in the announcements channel',
    contexts: [InteractionContextType.Guild],
    integrationTypes: [ApplicationIntegrationType.GuildInstall],
  })
  async onAnnounce(@Context() [interaction]: SlashCommandContext): Promise<void> {
    assertMayAnnounce(interaction, this.config.DISCORD_ANNOUNCER_ROLE_IDS);
    if (!this.config.DISCORD_ANNOUNCEMENT_CHANNEL_ID) {
      throw new DomainError('announcements_off', 400, 'No announcement channel is set up yet: ask an admin to set DISCORD_ANNOUNCEMENT_CHANNEL_ID.');
    }
    const modal = new ModalBuilder({ customId: MODAL_ID, title: 'New announcement' }).addComponents(
      input('title', 'Title', TextInputStyle.Short, true, TITLE_MAX),
      input('body', 'Text', TextInputStyle.Paragraph, true, BODY_MAX),
      input('image', 'Image URL (optional)', TextInputStyle.Short, false, 500, 'https://…'),
      input('role', 'Role to mention (optional): id or <@&id>', TextInputStyle.Short, false, 30),
      input('when', 'When (optional): empty = now, "in 2h", or a UTC time', TextInputStyle.Short, false, 40, '2026-12-24 18:00 UTC'),
    );
    await interaction.showModal(modal);
  }

  @Modal(MODAL_ID)
  async onSubmit(@Context() [interaction]: ModalContext): Promise<void> {
    assertMayAnnounce(interaction, this.config.DISCORD_ANNOUNCER_ROLE_IDS);
    const field = (id: string) => interaction.fields.getTextInputValue(id).trim();
    const postAt = parsePostAt(field('when'), this.clock.now());
    if (postAt === null) {
      throw DomainError.validation([{ field: 'when', messages: ['When must be empty, "in 2h" (s, m, h, d), or a time with its zone such as 2026-12-24 18:00 UTC'] }]);
    }
    const draft = await this.announcements.create(
      { title: field('title'), body: field('body'), imageUrl: field('image') || null, mentionRoleId: roleIdOf(field('role')), postAt },
      `discord:${interaction.user.id}`,
      { draft: true },
    );
    const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder({ customId: `announce/post/${draft.id}`, label: postAt ? 'Schedule' : 'Post', style: ButtonStyle.Primary }),
      new ButtonBuilder({ customId: `announce/cancel/${draft.id}`, label: 'Cancel', style: ButtonStyle.Secondary }),
    );
    const target = postAt ? `will be posted in <#${draft.channelId}> at ${when(draft.postAt)}` : `will be posted in <#${draft.channelId}> at once`;
    await interaction.reply({
      content: `Preview: this ${target}${draft.mentionRoleId ? `, mentioning <@&${draft.mentionRoleId}>` : ''}.`,
      embeds: [announcementEmbed({ ...draft, sourceName: null, timestamp: null })],
      components: [buttons],
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
  }

  @Button('announce/post/:id')
  async onPost(@Context() [interaction]: ButtonContext, @ComponentParam('id') id: string): Promise<void> {
    assertMayAnnounce(interaction, this.config.DISCORD_ANNOUNCER_ROLE_IDS);
    const confirmed = await this.announcements.confirm(id, `discord:${interaction.user.id}`);
    const scheduled = confirmed.postAt > this.clock.now();
    await interaction.update({ content: scheduled ? `Scheduled for ${when(confirmed.postAt)}.` : 'Posting now.', components: [], allowedMentions: { parse: [] } });
  }

  @Button('announce/cancel/:id')
  async onCancel(@Context() [interaction]: ButtonContext, @ComponentParam('id') id: string): Promise<void> {
    await this.announcements.discard(id, `discord:${interaction.user.id}`);
    await interaction.update({ content: 'Cancelled: nothing was posted.', embeds: [], components: [], allowedMentions: { parse: [] } });
  }
}
