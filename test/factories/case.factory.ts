import { PrismaService } from '../../src/database/prisma.service';
import { CasePriority, CaseStatus, CaseType } from '../../src/generated/prisma/enums';

/** The columns a test may set on a case row; everything else gets a plain default. */
export interface CaseRowInput {
  type?: CaseType;
  status?: CaseStatus;
  priority?: CasePriority;
  title?: string;
  description?: string;
  reporterId?: string | null;
  reporterName?: string;
  guildId?: string | null;
  channelId?: string | null;
  assignee?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
  closedAt?: Date | null;
  agentRequestedAt?: Date | null;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
  csatScore?: number | null;
  csatAgent?: string | null;
  csatAt?: Date | null;
}

let sequence = 0;

function row(overrides: CaseRowInput) {
  const n = ++sequence;
  return {
    type: CaseType.BUG,
    status: CaseStatus.OPEN,
    priority: CasePriority.NORMAL,
    title: `Factory case ${n}`,
    description: `Made by the test factory (${n})`,
    reporterId: null,
    reporterName: 'factory',
    ...overrides,
  };
}

/** Inserts one case straight into the database (no API, no events) and returns its number. */
export async function caseFactory(prisma: PrismaService, overrides: CaseRowInput = {}): Promise<{ id: string; number: number }> {
  return prisma.case.create({ data: row(overrides), select: { id: true, number: true } });
}

/**
 * Inserts `count` cases in one statement; `each(i)` shapes the i-th (0-based). Numbers follow the
 * order of the list, so tests can reason about them.
 */
export async function caseRows(prisma: PrismaService, count: number, each: (i: number) => CaseRowInput = () => ({})): Promise<number[]> {
  const created = await prisma.case.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => row(each(i))),
    select: { number: true },
  });
  return created.map((c) => c.number).sort((a, b) => a - b);
}
