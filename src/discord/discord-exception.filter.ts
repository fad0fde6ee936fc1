import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { BaseInteraction, Message, MessageFlags, type RepliableInteraction } from 'discord.js';
import { NecordArgumentsHost, type NecordContextType } from 'necord';
import { DomainError } from '../common/domain-error';
import { hasMessage, t } from './i18n';
import { PlayerError } from './player-error';

/**
 * Errors in Necord handlers (slash commands, buttons, DM listeners) become a private answer to the
 * player: their own mistake in their language, anything unexpected as an error id that is also in
 * the logs. Put `@UseFilters(DiscordExceptionFilter)` on every Necord handler class: the global HTTP
 * filter rethrows non-HTTP errors, and an unhandled rejection would leave the player with
 * "The application did not respond".
 */
@Catch()
export class DiscordExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DiscordInteraction');

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    if (host.getType<NecordContextType>() !== 'necord') throw error;
    const [target] = NecordArgumentsHost.create(host).getContext<unknown[]>();
    const locale = target instanceof BaseInteraction ? target.locale : 'en';
    const text = this.describe(error, locale);
    try {
      if (target instanceof BaseInteraction && target.isRepliable()) await this.answer(target, text);
      else if (target instanceof Message && !target.author.bot) await target.reply({ content: text, allowedMentions: { parse: [] } });
    } catch (replyError) {
      // e.g. the 3 s to answer an interaction are over (10062): the log is all that is left
      this.logger.warn({ err: replyError }, 'Could not tell the player about an error');
    }
  }

  private describe(error: unknown, locale: string): string {
    if (error instanceof PlayerError) return t(locale, error.key, error.params);
    if (error instanceof DomainError) {
      if (error.status >= 500) this.logger.warn({ err: error, code: error.code }, `Discord handler failed: ${error.message}`);
      const key = `error.${error.code}`;
      return hasMessage(key) ? t(locale, key) : error.message;
    }
    const errorId = randomUUID();
    this.logger.error({ err: error, errorId }, `Unexpected error in a Discord handler (error id ${errorId})`);
    return t(locale, 'error.unexpected', { errorId });
  }

  /** Private whatever happened before: a public "thinking…" is replaced by a private message. */
  private async answer(interaction: RepliableInteraction, content: string): Promise<void> {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      return;
    }
    if (interaction.ephemeral && interaction.deferred && !interaction.replied) {
      await interaction.editReply({ content, embeds: [], components: [], allowedMentions: { parse: [] } });
      return;
    }
    if (interaction.deferred && !interaction.replied) await interaction.deleteReply().catch(() => undefined);
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }
}
