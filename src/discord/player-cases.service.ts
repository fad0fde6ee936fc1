import { Injectable } from '@nestjs/common';
import { ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { CasesService } from '../cases/cases.service';
import { DomainError } from '../common/domain-error';
import { caseDetailEmbed, caseListEmbed } from './case-embeds';
import { t } from './i18n';
import { PlayerError } from './player-error';

const LIST_SIZE = 10;

/** /case: a player sees their own cases, and only theirs. */
@Injectable()
export class PlayerCasesService {
  constructor(private readonly cases: CasesService) {}

  async show(interaction: ChatInputCommandInteraction, number: number | null): Promise<void> {
    const locale = interaction.locale;
    const userId = interaction.user.id;
    if (number === null) {
      const { items } = await this.cases.list({ reporter: userId, limit: LIST_SIZE });
      const reply = items.length ? { embeds: [caseListEmbed(items, locale)] } : { content: t(locale, 'cases.empty') };
      await interaction.reply({ ...reply, flags: MessageFlags.Ephemeral });
      return;
    }
    const view = await this.cases.get(number).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return null;
      throw error;
    });
    // Someone else's case gets the same answer as a missing one: numbers must not reveal others' cases.
    if (!view || view.reporter.id !== userId) throw new PlayerError('not_found', 'cases.notFound', { n: number }, 404);
    await interaction.reply({ embeds: [caseDetailEmbed(view, locale)], flags: MessageFlags.Ephemeral });
  }
}
