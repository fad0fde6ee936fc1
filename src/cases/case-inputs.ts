import type { CasePriority, CaseStatus, CaseType } from '../generated/prisma/enums';

/** What CasesService takes: domain inputs, which the HTTP DTOs happen to satisfy. */

/** A change to a case; only the given fields change. */
export interface CasePatch {
  status?: CaseStatus;
  priority?: CasePriority;
  assignee?: string | null;
  title?: string;
}

export const SORTS = ['-number', 'number', '-createdAt', 'createdAt', '-updatedAt', 'updatedAt', '-priority', 'priority', '-votes', 'votes'] as const;
export type CaseSort = (typeof SORTS)[number];

/** Which cases to list: filters, full-text `q`, sort, and a cursor from the previous page. */
export interface CaseFilter {
  type?: CaseType;
  status?: CaseStatus;
  priority?: CasePriority;
  assignee?: string;
  reporter?: string;
  q?: string;
  sort?: CaseSort;
  cursor?: string;
  limit?: number;
}

