import { DomainError } from '../common/domain-error';
import { Prisma } from '../generated/prisma/client';
import { CasePriority } from '../generated/prisma/enums';
import { CaseFilter as ListCasesQuery, CaseSort } from './case-inputs';

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
  votes: { column: '"votes"', cast: 'int' },
};

/** What a CaseView shows (toCaseView); lists read only these. */
export const VIEW_COLUMNS = Prisma.sql`"number", "type", "status", "priority", "title", "description", "reporterId", "reporterName", "reporterLocale", "guildId", "channelId", "assignee", "createdAt", "updatedAt", "closedAt", "agentRequestedAt", "firstResponseAt", "resolvedAt", "csatScore", "csatComment", "csatAgent", "csatAt", "fields", "reportLanguage", "votes", "mergedIntoNumber"`;
/** A whole case row: the view's columns and the internal id, for the single-case reads that need it. */
export const CASE_COLUMNS = Prisma.sql`"id", ${VIEW_COLUMNS}`;

type CursorValue = string | number;

const MAX_CASE_NUMBER = 2_147_483_647; // "number" is a Postgres int
const PRIORITIES: readonly string[] = Object.values(CasePriority);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function encodeCursor(sortValue: CursorValue, number: number): string {
  return Buffer.from(JSON.stringify([sortValue, number])).toString('base64url');
}

/**
 * JavaScript rolls "2024-02-30" over to March 2nd where Postgres refuses it, and has a year 0 that
 * Postgres lacks: only an instant that prints back exactly as given, from year 1 on, is one.
 */
function isRealInstant(value: string): boolean {
  const time = Date.parse(value);
  return !Number.isNaN(time) && !value.startsWith('0000') && new Date(time).toISOString() === value;
}

/** A cursor's sort value must fit the sort it is used with: one from another sort is refused, not cast by Postgres. */
function fitsSort(key: string, value: unknown): boolean {
  if (key === 'updatedAt') return typeof value === 'string' && ISO_INSTANT.test(value) && isRealInstant(value);
  if (key === 'priority') return typeof value === 'string' && PRIORITIES.includes(value);
  return typeof value === 'number';
}

function decodeCursor(cursor: string, key: string): [CursorValue, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      fitsSort(key, value[0]) &&
      Number.isInteger(value[1]) &&
      value[1] >= 0 &&
      value[1] <= MAX_CASE_NUMBER
    ) {
      return value as [CursorValue, number];
    }
  } catch {
    // fall through to the error below
  }
  throw DomainError.validation([{ field: 'cursor', messages: ['cursor is not one this API returned for this sort'] }]);
}

export function sortParts(sort: CaseSort = '-number') {
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  return { key, descending, ...SORT_COLUMNS[key] };
}

/** Words in a search, at most: a long query means nothing more, and each term costs Postgres a node. */
const MAX_SEARCH_TERMS = 32;

/**
 * `q` as websearch_to_tsquery reads it, without what makes Postgres fail rather than match:
 * runs of "-" (nested negations, "tsquery stack too small") and tokens with no letter or digit.
 */
export function searchText(q: string): string {
  return q
    .split(/\s+/)
    .map((token) => token.replace(/^-+/, '-'))
    .filter((token) => /[\p{L}\p{N}]/u.test(token) || token.toLowerCase() === 'or')
    .slice(0, MAX_SEARCH_TERMS)
    .join(' ');
}

export function buildCaseListSql(query: ListCasesQuery, limit: number): Prisma.Sql {
  const where: Prisma.Sql[] = [];
  if (query.type) where.push(Prisma.sql`"type" = ${query.type}::"CaseType"`);
  if (query.status) where.push(Prisma.sql`"status" = ${query.status}::"CaseStatus"`);
  if (query.priority) where.push(Prisma.sql`"priority" = ${query.priority}::"CasePriority"`);
  if (query.assignee) where.push(Prisma.sql`"assignee" = ${query.assignee}`);
  if (query.reporter) where.push(Prisma.sql`"reporterId" = ${query.reporter}`);
  const filters = [...where];
  const q = query.q ? searchText(query.q) : undefined;
  if (q !== undefined) where.push(Prisma.sql`"search" @@ websearch_to_tsquery('simple', ${q})`);
  let cursorNumber: number | undefined;

  const sort = sortParts(query.sort);
  const column = Prisma.raw(sort.column);
  const direction = Prisma.raw(sort.descending ? 'DESC' : 'ASC');
  if (query.cursor) {
    const [value, number] = decodeCursor(query.cursor, sort.key);
    cursorNumber = number;
    const comparison = Prisma.raw(sort.descending ? '<' : '>');
    if (sort.column === '"number"') {
      where.push(Prisma.sql`"number" ${comparison} ${number}`);
    } else {
      where.push(Prisma.sql`(${column}, "number") ${comparison} (${value}::${Prisma.raw(sort.cast)}, ${number})`);
    }
  }
  const condition = where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty;
  const order = sort.column === '"number"' ? Prisma.sql`"number" ${direction}` : Prisma.sql`${column} ${direction}, "number" ${direction}`;
  const list = Prisma.sql`SELECT ${VIEW_COLUMNS} FROM "Case" ${condition} ORDER BY ${order} LIMIT ${limit}`;
  if (q && sort.column === '"number"' && sort.descending && MULTI_TERM.test(q.trim())) {
    return newestWindowFirst(where, filters, q, cursorNumber, limit);
  }
  return list;
}

/** Cases scanned, newest first, before a multi-term search falls back to the full-text index. */
export const SEARCH_WINDOW = 10_000;
/** Anything but one run of letters/digits may parse into several terms. */
const MULTI_TERM = /[^\p{L}\p{N}_]/u;

/**
 * Newest-first search for queries of several terms ("tela preta", "black screen"). Postgres
 * estimates an AND of terms as if they were independent, so words that come together (1 % of the
 * cases match both, it guesses 0.01 %) make it read every match through the GIN index and sort
 * them: 12,000 heap rows, ~40–60 ms at 1M cases. Here the newest SEARCH_WINDOW cases below the
 * cursor are scanned in number order first (bounded: a few ms), with the text test written so the
 * GIN index cannot be chosen for it; only when that window holds fewer than `limit` matches does
 * the unchanged full query run (then the terms are rare and the index path is the cheap one). The
 * window is the newest part of the ordering, so a full window is exactly the first page.
 */
function newestWindowFirst(where: Prisma.Sql[], filters: Prisma.Sql[], q: string, cursorNumber: number | undefined, limit: number): Prisma.Sql {
  const upper = cursorNumber === undefined ? Prisma.sql`(SELECT max("number") FROM "Case")` : Prisma.sql`${cursorNumber - 1}`;
  const window = [
    ...filters,
    Prisma.sql`COALESCE("search", ''::tsvector) @@ websearch_to_tsquery('simple', ${q})`,
    // BETWEEN of two unknowns is estimated as a narrow range, which keeps the planner off a parallel scan here.
    Prisma.sql`"number" BETWEEN ${upper} - ${Prisma.raw(String(SEARCH_WINDOW - 1))} AND ${upper}`,
  ];
  const everything = Prisma.sql`SELECT ${VIEW_COLUMNS} FROM "Case" WHERE ${Prisma.join(where, ' AND ')}`;
  return Prisma.sql`
    WITH recent AS MATERIALIZED (
      SELECT ${VIEW_COLUMNS} FROM "Case" WHERE ${Prisma.join(window, ' AND ')} ORDER BY "number" DESC LIMIT ${limit}
    )
    SELECT ${VIEW_COLUMNS} FROM (
      SELECT * FROM recent WHERE (SELECT count(*) FROM recent) >= ${limit}
      UNION ALL
      (${everything} AND (SELECT count(*) FROM recent) < ${limit} ORDER BY "number" DESC LIMIT ${limit})
    ) AS hits
    ORDER BY "number" DESC LIMIT ${limit}`;
}
