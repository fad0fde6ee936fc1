import { CasePriority, CaseStatus, CaseType, Role } from '../../src/generated/prisma/enums';
import { caseRows, CaseRowInput } from '../factories/case.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const TYPES = [CaseType.BUG, CaseType.FEATURE, CaseType.HELP];
const STATUSES = [CaseStatus.OPEN, CaseStatus.IN_PROGRESS, CaseStatus.WAITING, CaseStatus.RESOLVED, CaseStatus.CLOSED];
const PRIORITIES = [CasePriority.LOW, CasePriority.NORMAL, CasePriority.HIGH, CasePriority.URGENT];
const REPORTER_A = '111111111111111111';
const REPORTER_B = '222222222222222222';
const BASE = Date.parse('2026-03-01T12:00:00.000Z');

/** The rows the list is checked against: filter values cycle, and updatedAt repeats, so sorts need their tie-breaker. */
function shape(i: number): CaseRowInput {
  return {
    type: TYPES[i % 3],
    status: STATUSES[i % 5],
    priority: PRIORITIES[i % 4],
    assignee: i % 6 === 0 ? 'dana' : i % 6 === 1 ? 'eli' : null,
    reporterId: i % 7 === 0 ? REPORTER_A : REPORTER_B,
    title: `Routine report ${i}`,
    description: 'Nothing to see',
    createdAt: new Date(BASE + i * 1000),
    updatedAt: new Date(BASE + (i % 10) * 60_000),
  };
}

/** Rows written to be found by words in their title or description. */
const TEXT_ROWS: CaseRowInput[] = [
  { title: 'Crash when opening the inventory', description: 'Game freezes then closes' },
  { title: 'Inventory sorting', description: 'Please add sorting by rarity' },
  { title: 'Login loop', description: 'After the crash the launcher asks for my password again' },
  { title: 'Sound glitch', description: 'Crackling audio in the main menu' },
];

type Item = { number: number; type: string; status: string; priority: string; assignee: string | null; reporter: { id: string | null }; updatedAt: string };
type Model = CaseRowInput & { number: number };

describe('cases: list, filters, search, sort, pagination', () => {
  let t: TestApp;
  let viewer: { authorization: string };
  let model: Model[];

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.keyFor(Role.VIEWER);
    const shaped = Array.from({ length: 60 }, (_, i) => shape(i));
    const texts = TEXT_ROWS.map((row, i) => ({ ...shape(60 + i), ...row }));
    const all = [...shaped, ...texts];
    const numbers = await caseRows(t.prisma, all.length, (i) => all[i]);
    model = all.map((row, i) => ({ ...row, number: numbers[i] }));
  });
  afterAll(() => t.close());

  const get = async (query: string) => {
    const res = await t.request({ method: 'GET', url: `/api/cases${query ? `?${query}` : ''}`, headers: viewer });
    return res;
  };
  const page = async (query: string) => {
    const res = await get(query);
    expect(res.statusCode).toBe(200);
    return res.json() as { items: Item[]; nextCursor: string | null };
  };
  /** Follows nextCursor to the end; returns every number in the order served. */
  const walk = async (query: string, limit: number) => {
    const numbers: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const params = new URLSearchParams(query);
      params.set('limit', String(limit));
      if (cursor) params.set('cursor', cursor);
      const body = await page(params.toString());
      expect(body.items.length).toBeLessThanOrEqual(limit);
      numbers.push(...body.items.map((item) => item.number));
      cursor = body.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return numbers;
  };
  const numbersOf = (rows: Model[]) => rows.map((row) => row.number);
  const byNumber = (a: Model, b: Model) => a.number - b.number;

  it('serves 20 newest cases by default, with a cursor to the next page', async () => {
    const body = await page('');
    expect(body.items).toHaveLength(20);
    expect(body.items.map((item) => item.number)).toEqual(numbersOf([...model].sort(byNumber).reverse().slice(0, 20)));
    expect(body.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ['type=FEATURE', (row: Model) => row.type === 'FEATURE'],
    ['status=WAITING', (row: Model) => row.status === 'WAITING'],
    ['priority=URGENT', (row: Model) => row.priority === 'URGENT'],
    ['assignee=dana', (row: Model) => row.assignee === 'dana'],
    [`reporter=${REPORTER_A}`, (row: Model) => row.reporterId === REPORTER_A],
    ['type=BUG&status=OPEN', (row: Model) => row.type === 'BUG' && row.status === 'OPEN'],
    ['type=BUG&priority=HIGH&assignee=dana', (row: Model) => row.type === 'BUG' && row.priority === 'HIGH' && row.assignee === 'dana'],
  ])('filters by %s', async (query, keep) => {
    const expected = numbersOf(model.filter(keep).sort(byNumber).reverse());
    expect(expected.length).toBeGreaterThan(0);
    expect(await walk(query, 4)).toEqual(expected);
  });

  it.each([
    ['crash', ['Crash when opening the inventory', 'Login loop']],
    ['inventory', ['Crash when opening the inventory', 'Inventory sorting']],
    ['crash -inventory', ['Login loop']],
    ['"main menu"', ['Sound glitch']],
    ['"menu main"', []],
    ['rarity or password', ['Inventory sorting', 'Login loop']],
    ['zeppelin', []],
  ])('searches title and description with q=%s', async (q, titles) => {
    const body = await page(`q=${encodeURIComponent(q)}&limit=100`);
    const expected = model.filter((row) => titles.includes(row.title!)).sort(byNumber).reverse();
    expect(body.items.map((item) => item.number)).toEqual(numbersOf(expected));
  });

  it('combines q with filters', async () => {
    const login = model.find((row) => row.title === 'Login loop')!;
    const body = await page(`q=crash&type=${login.type}&status=${login.status}`);
    const expected = model.filter((row) => ['Crash when opening the inventory', 'Login loop'].includes(row.title!) && row.type === login.type && row.status === login.status);
    expect(body.items.map((item) => item.number).sort()).toEqual(numbersOf(expected).sort());
  });

  const PRIORITY_RANK: Record<string, number> = { LOW: 0, NORMAL: 1, HIGH: 2, URGENT: 3 };
  const orders: Record<string, (a: Model, b: Model) => number> = {
    number: byNumber,
    createdAt: byNumber,
    updatedAt: (a, b) => a.updatedAt!.getTime() - b.updatedAt!.getTime() || byNumber(a, b),
    priority: (a, b) => PRIORITY_RANK[a.priority!] - PRIORITY_RANK[b.priority!] || byNumber(a, b),
  };

  it.each(['number', '-number', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'priority', '-priority'])(
    'sort=%s pages through every case once, in order, with no gaps or duplicates',
    async (sort) => {
      const key = sort.replace('-', '');
      const ascending = [...model].sort(orders[key]);
      const expected = numbersOf(sort.startsWith('-') ? ascending.reverse() : ascending);
      const served = await walk(`sort=${sort}`, 7);
      expect(served).toEqual(expected);
      expect(new Set(served).size).toBe(model.length);
    },
  );

  it('pages a filtered, sorted list through its cursor', async () => {
    const expected = numbersOf(model.filter((row) => row.reporterId === REPORTER_B).sort(orders.priority).reverse());
    expect(await walk(`reporter=${REPORTER_B}&sort=-priority`, 9)).toEqual(expected);
  });

  it('accepts limit up to 100 and refuses 0, 101 and non-numbers, naming limit', async () => {
    expect((await page('limit=100')).items).toHaveLength(model.length > 100 ? 100 : model.length);
    for (const limit of ['0', '101', 'ten', '2.5']) {
      const res = await get(`limit=${limit}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'limit' }] });
    }
  });

  it('refuses a cursor it did not issue, or one from another sort, naming cursor', async () => {
    const priorityCursor = (await page('sort=-priority&limit=2')).nextCursor!;
    const forged = Buffer.from(JSON.stringify(['x', 1e12])).toString('base64url');
    for (const query of ['cursor=not-a-cursor', `cursor=${forged}`, `sort=-updatedAt&cursor=${priorityCursor}`, `sort=updatedAt&cursor=${priorityCursor}`]) {
      const res = await get(query);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cursor' }] });
    }
  });

  it('refuses bad filter values and unknown query parameters, naming each', async () => {
    const res = await get('type=BUGS&status=open&priority=1&sort=title&reporter=abc&colour=red');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'priority', 'reporter', 'sort', 'status', 'type']);
    const tooLong = await get(`q=${'a'.repeat(201)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([{ field: 'q', messages: [expect.any(String)] }]);
  });

  it('refuses NUL characters instead of failing in Postgres', async () => {
    const res = await get('q=%00&assignee=a%00');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['assignee', 'q']);
  });
});
