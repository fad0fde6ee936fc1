export const TYPES = ['BUG', 'FEATURE', 'HELP'] as const;
export const STATUSES = ['OPEN', 'IN_PROGRESS', 'WAITING', 'RESOLVED', 'CLOSED'] as const;
export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export const SORTS: [string, string][] = [
  ['-number', 'Newest first'],
  ['number', 'Oldest first'],
  ['-updatedAt', 'Recently updated'],
  ['-priority', 'Highest priority'],
  ['priority', 'Lowest priority'],
];

export interface CaseSummary {
  number: number;
  type: string;
  status: string;
  priority: string;
  title: string;
  description: string;
  reporter: { id: string | null; name: string };
  assignee: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Shown when the API provides them. */
  votes?: number;
  mergedInto?: number | null;
}
