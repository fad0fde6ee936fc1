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
  /** Community reports: the form's answers, the language written in, "me too" votes, the master it was merged into. */
  fields: Record<string, string> | null;
  language: string | null;
  votes: number;
  mergedInto: number | null;
  /** When the player asked for a person, the first agent reply, the resolution (help chats). */
  responseTimes: { agentRequestedAt: Date | null; firstResponseAt: Date | null; resolvedAt: Date | null };
  /** The player's satisfaction answer, once they gave one. */
  satisfaction: { score: number; comment: string | null; agent: string | null; at: Date | null } | null;
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
  fields: unknown;
  reportLanguage: string | null;
  votes: number;
  mergedIntoNumber: number | null;
  agentRequestedAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  csatScore: number | null;
  csatComment: string | null;
  csatAgent: string | null;
  csatAt: Date | null;
}

/** What toCaseView reads: a case row without its internal id (the list selects no more). */
export type CaseViewRow = Omit<CaseRow, 'id'>;

export function toCaseView(row: CaseViewRow): CaseView {
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
    fields: (row.fields as Record<string, string> | null) ?? null,
    language: row.reportLanguage,
    votes: row.votes,
    mergedInto: row.mergedIntoNumber,
    responseTimes: { agentRequestedAt: row.agentRequestedAt ?? null, firstResponseAt: row.firstResponseAt ?? null, resolvedAt: row.resolvedAt ?? null },
    satisfaction: row.csatScore == null ? null : { score: row.csatScore, comment: row.csatComment ?? null, agent: row.csatAgent ?? null, at: row.csatAt ?? null },
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
