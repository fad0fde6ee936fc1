import type { APIEmbed } from 'discord-api-types/v10';
import type { CaseChange } from '../cases/case-events.bus';
import type { CaseView } from '../cases/case.view';
import { CaseStatus, CaseType } from '../generated/prisma/enums';
import { t } from './i18n';

/** How cases look on Discord: one embed per case, colours by type, labels in the reader's language. */

const TYPE_COLOURS: Record<CaseType, number> = { BUG: 0xe74c3c, FEATURE: 0x3498db, HELP: 0x2ecc71 };
const STATUS_COLOURS: Record<CaseStatus, number> = { OPEN: 0x95a5a6, IN_PROGRESS: 0xf1c40f, WAITING: 0xe67e22, RESOLVED: 0x2ecc71, CLOSED: 0x7f8c8d };

// Discord's embed limits: title 256, description 4096, field value 1024.
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const unix = (date: Date) => Math.floor(date.getTime() / 1000);

export function statusLabel(locale: string, status: CaseStatus): string {
  return t(locale, `status.${status}`);
}

function caseTitle(view: CaseView, locale: string): string {
  return clip(t(locale, 'case.title', { n: view.number, title: view.title }), 256);
}

function summaryFields(view: CaseView, locale: string) {
  return [
    { name: t(locale, 'case.status'), value: statusLabel(locale, view.status), inline: true },
    { name: t(locale, 'case.type'), value: t(locale, `type.${view.type}`), inline: true },
    { name: t(locale, 'case.priority'), value: t(locale, `priority.${view.priority}`), inline: true },
    { name: t(locale, 'case.reporter'), value: clip(view.reporter.name, 1024), inline: true },
  ];
}

/** The public answer to /bug and /new_feature. */
export function filedCaseEmbed(view: CaseView, locale: string, screenshot: string | null): APIEmbed {
  const thanks = view.type === CaseType.FEATURE ? 'case.filed.FEATURE' : 'case.filed.BUG';
  const fields = summaryFields(view, locale);
  if (screenshot) fields.push({ name: t(locale, 'case.screenshot'), value: clip(screenshot, 1024), inline: false });
  return {
    title: caseTitle(view, locale),
    description: clip(`${t(locale, thanks, { name: view.reporter.name })}\n\n${view.description}`, 4096),
    color: TYPE_COLOURS[view.type],
    fields,
    timestamp: view.createdAt.toISOString(),
  };
}

/** /case number:<n>: one of the player's cases in detail. */
export function caseDetailEmbed(view: CaseView, locale: string): APIEmbed {
  return {
    title: caseTitle(view, locale),
    description: clip(view.description, 4096),
    color: STATUS_COLOURS[view.status],
    fields: [...summaryFields(view, locale), { name: t(locale, 'case.opened'), value: `<t:${unix(view.createdAt)}:R>`, inline: true }],
    timestamp: view.updatedAt.toISOString(),
  };
}

/** /case: the player's latest cases, one line each. */
export function caseListEmbed(views: CaseView[], locale: string): APIEmbed {
  const lines = views.map((view) => `**#${view.number}** · ${clip(view.title, 120)} — ${statusLabel(locale, view.status)}`);
  return {
    title: t(locale, 'cases.listTitle'),
    description: clip(lines.join('\n'), 4096),
    color: 0x5865f2,
    footer: { text: t(locale, 'cases.more', { count: views.length }) },
  };
}

/** The DM a reporter gets when their case changes status or the team leaves a public note. */
export function notificationEmbed(change: CaseChange, locale: string): APIEmbed {
  const view = change.case;
  if (change.kind === 'status_changed') {
    return {
      title: caseTitle(view, locale),
      description: t(locale, 'notify.statusChanged', { status: statusLabel(locale, change.to) }),
      color: STATUS_COLOURS[change.to],
      fields: [{ name: t(locale, 'case.status'), value: statusLabel(locale, change.to), inline: true }],
      timestamp: new Date().toISOString(),
    };
  }
  return {
    title: caseTitle(view, locale),
    description: clip(`${t(locale, 'notify.noteAdded')}\n\n>>> ${change.body}`, 4096),
    color: STATUS_COLOURS[view.status],
    fields: [{ name: t(locale, 'case.status'), value: statusLabel(locale, view.status), inline: true }],
    timestamp: new Date().toISOString(),
  };
}
