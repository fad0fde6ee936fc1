import { Clock } from '../../src/common/clock';
import { CaseStatus, CaseType, Role } from '../../src/generated/prisma/enums';
import { caseFactory } from '../factories/case.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const NOW = new Date('2026-05-10T10:00:00.000Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

describe('GET /api/cases/stats', () => {
  let t: TestApp;
  let viewer: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.keyFor(Role.VIEWER);
    // The service reads the time from the one Clock instance; pinning it makes ages exact.
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(NOW));
  });
  afterAll(() => t.close());

  const stats = async () => {
    const res = await t.request({ method: 'GET', url: '/api/cases/stats', headers: viewer });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  const none = { count: 0, medianSeconds: null, p90Seconds: null };

  it('reports zeros for every type and status, and no oldest open case, on an empty database', async () => {
    const body = await stats();
    expect(body).toEqual({
      counts: Object.fromEntries(Object.values(CaseType).map((type) => [type, Object.fromEntries(Object.values(CaseStatus).map((s) => [s, 0]))])),
      total: 0,
      open: 0,
      oldestOpenAgeSeconds: null,
      responseTimes: {
        byType: Object.fromEntries(Object.values(CaseType).map((type) => [type, { firstResponse: none, resolution: none }])),
        byWeek: [],
      },
      satisfaction: { byWeek: [], byAgent: [] },
    });
  });

  it('counts cases by type × status and measures the oldest case still open', async () => {
    // The oldest case is closed: it must not count as the oldest open one.
    await caseFactory(t.prisma, { type: CaseType.BUG, status: CaseStatus.CLOSED, createdAt: hoursAgo(100), closedAt: hoursAgo(90) });
    await caseFactory(t.prisma, { type: CaseType.BUG, status: CaseStatus.WAITING, createdAt: hoursAgo(50) });
    await caseFactory(t.prisma, { type: CaseType.BUG, status: CaseStatus.OPEN, createdAt: hoursAgo(3) });
    await caseFactory(t.prisma, { type: CaseType.BUG, status: CaseStatus.OPEN, createdAt: hoursAgo(2) });
    await caseFactory(t.prisma, { type: CaseType.HELP, status: CaseStatus.IN_PROGRESS, createdAt: hoursAgo(1) });
    await caseFactory(t.prisma, { type: CaseType.FEATURE, status: CaseStatus.RESOLVED, createdAt: hoursAgo(1), closedAt: hoursAgo(0.5) });

    const body = await stats();
    expect(body.counts.BUG).toEqual({ OPEN: 2, IN_PROGRESS: 0, WAITING: 1, RESOLVED: 0, CLOSED: 1 });
    expect(body.counts.FEATURE).toEqual({ OPEN: 0, IN_PROGRESS: 0, WAITING: 0, RESOLVED: 1, CLOSED: 0 });
    expect(body.counts.HELP).toEqual({ OPEN: 0, IN_PROGRESS: 1, WAITING: 0, RESOLVED: 0, CLOSED: 0 });
    expect(body.total).toBe(6);
    expect(body.open).toBe(4);
    expect(body.oldestOpenAgeSeconds).toBe(50 * 3600);
  });

  it('follows the case life cycle: closing the oldest open case moves the age to the next one', async () => {
    const lead = await t.keyFor(Role.LEAD);
    const waiting = await t.prisma.case.findFirstOrThrow({ where: { status: CaseStatus.WAITING }, select: { number: true } });
    const res = await t.request({ method: 'PATCH', url: `/api/cases/${waiting.number}`, headers: lead, payload: { status: 'CLOSED' } });
    expect(res.statusCode).toBe(200);
    const body = await stats();
    expect(body.counts.BUG).toMatchObject({ WAITING: 0, CLOSED: 2 });
    expect(body.open).toBe(3);
    expect(body.oldestOpenAgeSeconds).toBe(3 * 3600);
  });
});
