import { Clock } from '../../src/common/clock';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/** RATE_LIMIT_PER_MINUTE=3: a bucket of 3 per key, refilled at one every 20 s. */
describe('per-key rate limit', () => {
  let t: TestApp;
  let now = Date.parse('2026-04-01T09:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    // Time only moves when the test says so.
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  });
  afterAll(() => t.close());

  const list = (headers: { authorization: string }) => t.request({ method: 'GET', url: '/api/cases', headers });

  it('answers 429 rate_limited with Retry-After once a key has used its budget; other keys are unaffected', async () => {
    const busy = await t.keyFor(Role.LEAD);
    const other = await t.keyFor(Role.VIEWER);
    for (let i = 0; i < 3; i++) expect((await list(busy)).statusCode).toBe(200);

    const limited = await list(busy);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(limited.headers['retry-after']).toBe('20');
    // Writes count against the same budget.
    expect((await t.request({ method: 'POST', url: '/api/cases', headers: busy, payload: { type: 'BUG', title: 'x', description: 'y' } })).statusCode).toBe(429);

    for (let i = 0; i < 3; i++) expect((await list(other)).statusCode).toBe(200);

    now += 5_000;
    expect((await list(busy)).headers['retry-after']).toBe('15');
    now += 15_000;
    expect((await list(busy)).statusCode).toBe(200);
    expect((await list(busy)).statusCode).toBe(429);
  });

  it('does not spend a budget on requests without a valid key', async () => {
    for (let i = 0; i < 5; i++) expect((await list({ authorization: 'Bearer nope' })).statusCode).toBe(401);
    const fresh = await t.keyFor(Role.VIEWER);
    for (let i = 0; i < 3; i++) expect((await list(fresh)).statusCode).toBe(200);
  });
});
