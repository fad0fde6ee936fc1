import { DomainError } from '../common/domain-error';
import { Prisma } from '../generated/prisma/client';
import { CaseSort, ListCasesQuery } from './cases.dto';

/**
 * The case list as one SQL statement: Prisma cannot filter on the generated tsvector column, and
 * keyset pagination on (sort key, number) needs a row comparison. Every filter/sort pair has an
 * index (see schema.prisma).
 */
const SORT_COLUMNS: Record<string, { column: string; cast: string }> = {
  number: { column: '"number"', cast: 'int' },
  createdAt: { column: '"number"', cast: 'int' }, // numbers are given in creation order
  updatedAt: { column: '"updatedAt"', cast: 'timestamptz' },
  priority: { column: '"priority"', cast: '"CasePriority"' },
};

export const CASE_COLUMNS = Prisma.sql`"id", "number", "type", "status", "priority", "title", "description", "reporterId", "reporterName", "guildId", "channelId", "assignee", "createdAt", "updatedAt", "closedAt"`;

type CursorValue = string | number;

export function encodeCursor(sortValue: CursorValue, number: number): string {
  return Buffer.from(JSON.stringify([sortValue, number])).toString('base64url');
}

function decodeCursor(cursor: string): [CursorValue, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && ['string', 'number'].includes(typeof value[0]) && Number.isInteger(value[1])) {
      return value as [CursorValue, number];
    }
  } catch {
    // fall through to the error below
  }
  throw DomainError.validation([{ field: 'cursor', messages: ['cursor is not one this API returned'] }]);
}

export function sortParts(sort: CaseSort = '-number') {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  return { key, descending, ...SORT_COLUMNS[key] };
}

export function buildCaseListSql(query: ListCasesQuery, limit: number): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  if (query.type) where.push(Prisma.sql`"type" = ${query.type}::"CaseType"`);
  if (query.status) where.push(Prisma.sql`"status" = ${query.status}::"CaseStatus"`);
  if (query.priority) where.push(Prisma.sql`"priority" = ${query.priority}::"CasePriority"`);
  if (query.assignee) where.push(Prisma.sql`"assignee" = ${query.assignee}`);
  if (query.reporter) where.push(Prisma.sql`"reporterId" = ${query.reporter}`);
  if (query.q) where.push(Prisma.sql`"search" @@ websearch_to_tsquery('simple', ${query.q})`);

  const sort = sortParts(query.sort);
  const column = Prisma.raw(sort.column);
  const direction = Prisma.raw(sort.descending ? 'DESC' : 'ASC');
  if (query.cursor) {
    const [value, number] = decodeCursor(query.cursor);
    const comparison = Prisma.raw(sort.descending ? '<' : '>');
    if (sort.column === '"number"') {
      where.push(Prisma.sql`"number" ${comparison} ${number}`);
    } else {
      where.push(Prisma.sql`(${column}, "number") ${comparison} (${value}::${Prisma.raw(sort.cast)}, ${number})`);
    }
  }
  const condition = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
  const order = sort.column === '"number"' ? Prisma.sql`"number" ${direction}` : Prisma.sql`${column} ${direction}, "number" ${direction}`;
  return Prisma.sql`SELECT ${CASE_COLUMNS} FROM "Case" ${condition} ORDER BY ${order} LIMIT ${limit}`;
}
