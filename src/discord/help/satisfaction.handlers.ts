import { Injectable, UseFilters } from '@nestjs/common';
import { LabelBuilder, MessageFlags, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { Button, type ButtonContext, ComponentParam, Context, Modal, type ModalContext, ModalParam } from 'necord';
import { lifecycleMessage, Satisfaction } from '../../conversations/lifecycle';
import { DiscordExceptionFilter } from '../discord-exception.filter';
import { CSAT_BUTTON, CSAT_COMMENT_FIELD, CSAT_MODAL, csatModalId } from './satisfaction-survey';

/**
 * The "How did we do?" survey: a score button stores the score at once (so closing the modal loses
 * nothing), then the comment modal opens (a modal is a valid first response to a click).
 */
@Injectable()
@UseFilters(DiscordExceptionFilter)
export class SatisfactionHandlers {
  constructor(private readonly satisfaction: Satisfaction) {}

  @Button(CSAT_BUTTON)
  async onScore(@Context() [interaction]: ButtonContext, @ComponentParam('survey') surveyId: string, @ComponentParam('score') score: string) {
    const { accepted, locale } = await this.satisfaction.rate({ surveyId, playerId: interaction.user.id, score: Number(score) });
    if (!accepted) {
      await interaction.reply({ content: lifecycleMessage(locale, 'csatAlready'), flags: MessageFlags.Ephemeral });
      return;
    }
    const comment = new TextInputBuilder().setCustomId(CSAT_COMMENT_FIELD).setStyle(TextInputStyle.Paragraph).setRequired(false).setMaxLength(1000);
    const modal = new ModalBuilder()
      .setCustomId(csatModalId(surveyId))
      .setTitle(lifecycleMessage(locale, 'csatCommentTitle').slice(0, 45))
      .addLabelComponents(new LabelBuilder().setLabel(lifecycleMessage(locale, 'csatCommentLabel')).setTextInputComponent(comment));
    await interaction.showModal(modal);
  }

  @Modal(CSAT_MODAL)
  async onComment(@Context() [interaction]: ModalContext, @ModalParam('survey') surveyId: string) {
    const text = interaction.fields.getTextInputValue(CSAT_COMMENT_FIELD) ?? '';
    const { locale } = await this.satisfaction.comment({ surveyId, playerId: interaction.user.id, comment: text });
    await interaction.reply({ content: lifecycleMessage(locale, 'csatThanks'), flags: MessageFlags.Ephemeral });
  }
}
