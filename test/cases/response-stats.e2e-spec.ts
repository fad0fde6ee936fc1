import { Role } from '../../src/generated/prisma/enums';
import { caseFactory } from '../factories/case.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const MINUTE = 60_000;
// Monday 2027-03-01 and Monday 2027-03-08: two ISO weeks.
const WEEK1 = new Date('2027-03-01T10:00:00.000Z');
const WEEK2 = new Date('2027-03-08T10:00:00.000Z');
const plus = (at: Date, minutes: number) => new Date(at.getTime() + minutes * MINUTE);

describe('GET /api/cases/stats: response times and satisfaction', () => {
  let t: TestApp;
  let viewer: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.keyFor(Role.VIEWER);
    // Week 1: ten help chats answered after 1…10 minutes, resolved after 10…100; the first four rated.
    for (let i = 1; i <= 10; i++) {
      const rated = i <= 4 ? { csatScore: i + 1, csatAgent: i % 2 ? 'Alex' : 'Sam', csatAt: plus(WEEK1, 200) } : {};
      await caseFactory(t.prisma, { type: 'HELP', status: 'RESOLVED', createdAt: WEEK1, agentRequestedAt: WEEK1, firstResponseAt: plus(WEEK1, i), resolvedAt: plus(WEEK1, 10 * i), ...rated });
    }
    // Week 2: one chat still unanswered, and a bug closed after a day (measured from its creation).
    await caseFactory(t.prisma, { type: 'HELP', status: 'OPEN', createdAt: WEEK2, agentRequestedAt: WEEK2 });
    await caseFactory(t.prisma, { type: 'BUG', status: 'CLOSED', createdAt: WEEK2, closedAt: plus(WEEK2, 24 * 60) });
  });
  afterAll(() => t.close());

  it('gives the median and 90th percentile by type and by week, and satisfaction by week and agent', async () => {
    const res = await t.request({ method: 'GET', url: '/api/cases/stats', headers: viewer });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    // percentile_cont over 60…600 s: median 330 s, p90 546 s; resolutions 600…6000 s: 3300 s and 5460 s.
    expect(body.responseTimes.byType.HELP).toEqual({
      firstResponse: { count: 10, medianSeconds: 330, p90Seconds: 546 },
      resolution: { count: 10, medianSeconds: 3300, p90Seconds: 5460 },
    });
    expect(body.responseTimes.byType.BUG.resolution).toEqual({ count: 1, medianSeconds: 86400, p90Seconds: 86400 });
    expect(body.responseTimes.byType.FEATURE.firstResponse).toEqual({ count: 0, medianSeconds: null, p90Seconds: null });
    expect(body.responseTimes.byWeek.map((w: { week: string }) => w.week)).toEqual(['2027-03-01', '2027-03-08']);
    expect(body.responseTimes.byWeek[0].firstResponse).toEqual({ count: 10, medianSeconds: 330, p90Seconds: 546 });
    expect(body.responseTimes.byWeek[1].firstResponse.count).toBe(0);
    expect(body.satisfaction).toEqual({
      byWeek: [{ week: '2027-03-01', average: 3.5, count: 4 }],
      byAgent: [
        { agent: 'Alex', average: 3, count: 2 },
        { agent: 'Sam', average: 4, count: 2 },
      ],
    });
  });
});
