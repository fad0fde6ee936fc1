import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIEmbed, APIMessageActionRowComponent } from 'discord-api-types/v10';
import type { CaseView } from '../../cases/case.view';
import { REPORT_FORMS, ReportType } from '../../cases/reports/report-form';
import { OPEN_STATUSES } from '../../cases/case-rules';
import { statusLabel } from '../case-embeds';
import { MessageKey, t } from '../i18n';

/** How a report looks on Discord: its post's starter message (or channel message) and vote button. */

const TYPE_COLOURS = { BUG: 0xe74c3c, FEATURE: 0x3498db } as const;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export const voteButtonId = (number: number) => `report/vote/${number}`;

/** The forum post's name: "#12 Crash when opening the map" (Discord allows 100 characters). */
export const postName = (view: CaseView) => clip(`#${view.number} ${view.title}`, 100);

export function reportEmbed(view: CaseView, locale: string): APIEmbed {
  const type = view.type as ReportType;
  const answers = view.fields ?? {};
  const fields = (REPORT_FORMS[type] ?? [])
    .filter((f) => f.id !== 'title' && answers[f.id])
    .map((f) => ({ name: t(locale, `field.${f.id}` as MessageKey), value: clip(answers[f.id], 1024), inline: f.id === 'platform' || f.id === 'version' }));
  if (!view.fields) fields.push({ name: t(locale, 'case.type'), value: clip(view.description, 1024), inline: false });
  fields.push(
    { name: t(locale, 'case.status'), value: statusLabel(locale, view.status), inline: true },
    { name: t(locale, 'report.votes'), value: String(view.votes), inline: true },
    { name: t(locale, 'case.reporter'), value: clip(view.reporter.name, 1024), inline: true },
  );
  if (view.mergedInto) fields.push({ name: t(locale, 'case.status'), value: t(locale, 'report.mergedInto', { n: view.mergedInto }), inline: false });
  return {
    title: clip(t(locale, 'case.title', { n: view.number, title: view.title }), 256),
    description: clip(t(locale, type === 'FEATURE' ? 'case.filed.FEATURE' : 'case.filed.BUG', { name: view.reporter.name }), 4096),
    color: TYPE_COLOURS[type] ?? 0x95a5a6,
    fields,
    timestamp: view.createdAt.toISOString(),
  };
}

export function voteRow(view: CaseView, locale: string): APIActionRowComponent<APIMessageActionRowComponent> {
  const open = OPEN_STATUSES.includes(view.status) && view.mergedInto === null;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.Button,
        custom_id: voteButtonId(view.number),
        style: ButtonStyle.Primary,
        label: `${t(locale, view.type === 'FEATURE' ? 'vote.FEATURE' : 'vote.BUG')} · ${view.votes}`,
        disabled: !open,
      },
    ],
  };
}

export function reportMessage(view: CaseView, locale: string) {
  return { embeds: [reportEmbed(view, locale)], components: [voteRow(view, locale)], allowed_mentions: { parse: [] } };
}
