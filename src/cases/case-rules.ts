import { CaseStatus } from '../generated/prisma/enums';
import { DomainError } from '../common/domain-error';

/**
 * The case life cycle. WAITING means "waiting on the player"; RESOLVED can be reopened by the
 * player's follow-up; CLOSED is final except for an explicit reopen to OPEN.
 */
export const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  OPEN: ['IN_PROGRESS', 'WAITING', 'RESOLVED', 'CLOSED'],
  IN_PROGRESS: ['WAITING', 'RESOLVED', 'CLOSED', 'OPEN'],
  WAITING: ['IN_PROGRESS', 'RESOLVED', 'CLOSED'],
  RESOLVED: ['CLOSED', 'OPEN', 'IN_PROGRESS'],
  CLOSED: ['OPEN'],
};

export const OPEN_STATUSES: readonly CaseStatus[] = ['OPEN', 'IN_PROGRESS', 'WAITING'];

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(number: number, from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) {
    const allowed = TRANSITIONS[from].join(', ');
    throw DomainError.conflict('invalid_status_transition', `Case #${number} cannot go from ${from} to ${to}; from ${from} it can go to ${allowed}`);
  }
}

/** closedAt follows the status: set when a case leaves the open statuses, cleared when it is reopened. */
export function closedAtFor(to: CaseStatus, current: Date | null, now: Date): Date | null {
  if (OPEN_STATUSES.includes(to)) return null;
  return current ?? now;
}
