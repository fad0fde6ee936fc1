import { Injectable, UseFilters } from '@nestjs/common';
import { ApplicationIntegrationType, InteractionContextType, MessageFlags } from 'discord.js';
import { Context, createCommandGroupDecorator, Options, type SlashCommandContext, StringOption, Subcommand } from 'necord';
import { AppConfig } from '../../config/app-config';
import { LOCALES, Locale } from '../../conversations/ports';
import { SnippetsService } from '../../snippets/snippets.service';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { StaffActions } from './staff-actions';
import { assertStaff, staffActor } from './staff-member';

const SnippetGroup = createCommandGroupDecorator({
  name: 'snippet',
  description: 'Saved answers for the staff desk',
  contexts: [InteractionContextType.Guild],
  integrationTypes: [ApplicationIntegrationType.GuildInstall],
});

const LANGUAGE_CHOICES = LOCALES.map((locale) => ({ name: locale, value: locale }));

class NameOption {
  @StringOption({ name: 'name', description: 'The snippet name', required: true, max_length: 50 })
  name!: string;
}

class TextOptions {
  @StringOption({ name: 'name', description: 'The snippet name (lowercase, digits, - or _)', required: true, max_length: 50 })
  name!: string;

  @StringOption({ name: 'text', description: 'The answer in that language', required: true, max_length: 1800 })
  text!: string;

  @StringOption({ name: 'language', description: 'Which language this text is (default en)', required: false, choices: LANGUAGE_CHOICES })
  language?: Locale;
}

/**
 * /snippet send|add|edit|remove|list for members with the staff role. `send` (in a staff thread)
 * answers the player with the snippet in their language, English when it has none.
 */
@Injectable()
@SnippetGroup()
@UseFilters(DiscordExceptionFilter)
export class SnippetCommand {
  constructor(
    private readonly snippets: SnippetsService,
    private readonly actions: StaffActions,
    private readonly config: AppConfig,
  ) {}

  @Subcommand({ name: 'send', description: "Answer the player of this thread with a snippet, in the player's language" })
  async onSend(@Context() [interaction]: SlashCommandContext, @Options() { name }: NameOption) {
    const member = assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    const chat = await this.actions.openChat(interaction.channelId);
    const { text, locale } = await this.snippets.textFor(name, chat.locale);
    await interaction.deferReply();
    await this.actions.reply(interaction.channelId, member, { messageId: `snippet-${interaction.id}`, body: text, media: [] });
    await interaction.editReply({ content: `**Support · ${member.name}** (snippet \`${name}\`, ${locale}): ${text}`.slice(0, 2000), allowedMentions: { parse: [] } });
  }

  @Subcommand({ name: 'add', description: 'Save a new snippet (its English text first)' })
  async onAdd(@Context() [interaction]: SlashCommandContext, @Options() options: TextOptions) {
    const member = assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    const saved = await this.snippets.create(options.name, { [options.language ?? 'en']: options.text }, staffActor(member));
    await interaction.reply({ content: `Snippet \`${saved.name}\` saved.`, flags: MessageFlags.Ephemeral });
  }

  @Subcommand({ name: 'edit', description: "Change (or add) one language's text of a snippet" })
  async onEdit(@Context() [interaction]: SlashCommandContext, @Options() options: TextOptions) {
    const member = assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    const saved = await this.snippets.edit(options.name, { [options.language ?? 'en']: options.text }, staffActor(member));
    await interaction.reply({ content: `Snippet \`${saved.name}\` now has: ${Object.keys(saved.texts).join(', ')}.`, flags: MessageFlags.Ephemeral });
  }

  @Subcommand({ name: 'remove', description: 'Delete a snippet' })
  async onRemove(@Context() [interaction]: SlashCommandContext, @Options() { name }: NameOption) {
    assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    await this.snippets.remove(name);
    await interaction.reply({ content: `Snippet \`${name}\` removed.`, flags: MessageFlags.Ephemeral });
  }

  @Subcommand({ name: 'list', description: 'The saved snippets and their languages' })
  async onList(@Context() [interaction]: SlashCommandContext) {
    assertStaff(interaction, this.config.DISCORD_STAFF_ROLE_ID!);
    const all = await this.snippets.list();
    const lines = all.map((s) => `\`${s.name}\` (${Object.keys(s.texts).join(', ')}): ${(s.texts.en ?? '').slice(0, 60)}`);
    await interaction.reply({ content: (lines.join('\n') || 'No snippets yet: add one with /snippet add.').slice(0, 2000), flags: MessageFlags.Ephemeral });
  }
}
