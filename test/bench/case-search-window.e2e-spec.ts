import { agentName, seedCases } from '../../bench/lib/case-seed';
import { buildCaseListSql, SEARCH_WINDOW } from '../../src/cases/case-list.query';
import type { ListCasesQuery } from '../../src/cases/cases.dto';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Multi-term searches scan the newest SEARCH_WINDOW cases first (src/cases/case-list.query.ts).
 * With more cases than the window, every page, across the window's edge and through cursors,
 * must be exactly what the plain full-text query returns.
 */
describe('case search: newest window first', () => {
  let app: TestApp;
  let headers: { authorization: string };

  beforeAll(async () => {
    app = await createTestApp();
    headers = await app.keyFor(Role.VIEWER);
    await seedCases(app.databaseUrl, SEARCH_WINDOW + 2500);
  }, 60_000);

  afterAll(() => app?.close());

  async function expected(q: string, filters: Record<string, string>): Promise<number[]> {
    const status = filters.status ?? null;
    const assignee = filters.assignee ?? null;
    const rows = await app.prisma.$queryRawUnsafe<{ number: number }[]>(
      `SELECT "number" FROM "Case"
       WHERE "search" @@ websearch_to_tsquery('simple', $1)
         AND ($2::text IS NULL OR "status" = $2::"CaseStatus") AND ($3::text IS NULL OR "assignee" = $3)
       ORDER BY "number" DESC`,
      q,
      status,
      assignee,
    );
    return rows.map((row) => row.number);
  }

  async function listed(q: string, filters: Record<string, string>, limit: number, pages: number): Promise<number[]> {
    const numbers: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < pages; page++) {
      const params = new URLSearchParams({ ...filters, q, limit: String(limit), ...(cursor ? { cursor } : {}) });
      const response = await app.request({ method: 'GET', url: `/api/cases?${params.toString()}`, headers });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { items: { number: number }[]; nextCursor: string | null };
      numbers.push(...body.items.map((item) => item.number));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return numbers;
  }

  it.each([
    ['black screen', {}, 100, 30], // frequent pair: served from the window, pages walk past its edge
    ['tela preta', {}, 20, 40],
    ['Pixel 7', { status: 'OPEN' }, 50, 20],
    ['crash -login', {}, 100, 5],
    ['Galaxy S23 raid', { assignee: agentName(7) }, 10, 10], // rare: the full query answers
    ['E10423 E20000', {}, 20, 2], // no match at all
  ])('q=%s %j pages of %i match the plain query', async (q, filters, limit, pages) => {
    const all = await expected(q, filters as Record<string, string>);
    const got = await listed(q, filters as Record<string, string>, limit, pages);
    expect(got).toEqual(all.slice(0, got.length));
    expect(got.length).toBe(Math.min(all.length, limit * pages));
  });

  it('takes the window path only for several terms in newest-first order', () => {
    const sql = (query: Partial<ListCasesQuery>) => buildCaseListSql(query as ListCasesQuery, 21).text;
    expect(sql({ q: 'tela preta' })).toContain('WITH recent');
    expect(sql({ q: 'tela preta', sort: '-createdAt' })).toContain('WITH recent');
    expect(sql({ q: 'crash' })).not.toContain('WITH recent');
    expect(sql({ q: 'tela preta', sort: 'number' })).not.toContain('WITH recent');
    expect(sql({ q: 'tela preta', sort: '-updatedAt' })).not.toContain('WITH recent');
  });

  it('actually spans more cases than the window for the frequent pairs', async () => {
    const all = await expected('tela preta', {});
    const newest = all[0];
    expect(all.filter((n) => n <= newest - SEARCH_WINDOW).length).toBeGreaterThan(0);
    expect(all.filter((n) => n > newest - SEARCH_WINDOW).length).toBeGreaterThan(20);
  });
});
