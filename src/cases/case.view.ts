import { CasePriority, CaseStatus, CaseType } from '../generated/prisma/enums';

/** A case as the API shows it: identified by its number, the internal uuid stays inside. */
export interface CaseView {
  number: number;
  type: CaseType;
  status: CaseStatus;
  priority: CasePriority;
  title: string;
  description: string;
  /** `locale`: the reporter's language (en, fr, es, de, pt) from their Discord client, for notifications. */
  reporter: { id: string | null; name: string; locale: string | null };
  guildId: string | null;
  channelId: string | null;
  assignee: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export interface CaseRow {
  id: string;
  number: number;
  type: CaseType;
  status: CaseStatus;
  priority: CasePriority;
  title: string;
  description: string;
  reporterId: string | null;
  reporterName: string;
  reporterLocale: string | null;
  guildId: string | null;
  channelId: string | null;
  assignee: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export function toCaseView(row: CaseRow): CaseView {
  return {
    number: row.number,
    type: row.type,
    status: row.status,
    priority: row.priority,
    title: row.title,
    description: row.description,
    reporter: { id: row.reporterId, name: row.reporterName, locale: row.reporterLocale ?? null },
    guildId: row.guildId,
    channelId: row.channelId,
    assignee: row.assignee,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
  };
}

export interface CaseEventView {
  id: string;
  type: string;
  actor: string;
  data: unknown;
  createdAt: Date;
}

/** A file attached to a case, without its bytes. */
export interface CaseAttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  createdAt: Date;
}
