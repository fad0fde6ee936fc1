import { ActionRowBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { REPORT_FORMS, ReportType } from '../../cases/reports/report-form';
import { MessageKey, t } from '../i18n';

export const MODAL_PREFIX = 'report/';

/** The /bug or /new_feature form in the player's language; its id carries the draft. */
export function reportModal(type: ReportType, draftId: string, locale: string): ModalBuilder {
  const rows = REPORT_FORMS[type].map((field) =>
    new ActionRowBuilder<TextInputBuilder>().addComponents(
      new TextInputBuilder({
        customId: field.id,
        // Discord shows at most 45 characters of a label.
        label: t(locale, `field.${field.id}` as MessageKey).slice(0, 45),
        style: field.long ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: field.required,
        minLength: field.min,
        maxLength: field.max,
      }),
    ),
  );
  return new ModalBuilder({ customId: `${MODAL_PREFIX}${draftId}`, title: t(locale, `form.${type}`) }).addComponents(...rows);
}
