import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * RATE_LIMIT_PER_MINUTE=3 per key and RATE_LIMIT_FAILED_AUTH_PER_MINUTE=5 per address, in one-minute
 * windows counted in Postgres: a second app on the same database (a replica) sees the same counters.
 */
describe('rate limits', () => {
  let t: TestApp;
  let replica: NestFastifyApplication;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '5' });
    replica = await createApp(t.config, { logger: false });
    await replica.init();
    await replica.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await replica?.close();
    await t.close();
  });

  const list = (headers: Record<string, string>, remoteAddress = '203.0.113.1') => t.request({ method: 'GET', url: '/api/cases', headers, remoteAddress });

  it('answers 429 rate_limited with Retry-After once a key has used its budget; other keys are unaffected', async () => {
    const busy = await t.keyFor(Role.LEAD);
    const other = await t.keyFor(Role.VIEWER);
    for (let i = 0; i < 3; i++) {
      const ok = await list(busy);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['ratelimit-policy']).toBe('3;w=60');
      expect(ok.headers['ratelimit-remaining']).toBe(String(2 - i));
      expect(Number(ok.headers['ratelimit-reset'])).toBeLessThanOrEqual(60);
    }

    const limited = await list(busy);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Writes count against the same budget, from any address.
    const write = await t.request({ method: 'POST', url: '/api/cases', headers: busy, remoteAddress: '198.51.100.7', payload: { type: 'BUG', title: 'x', description: 'y' } });
    expect(write.statusCode).toBe(429);

    for (let i = 0; i < 3; i++) expect((await list(other)).statusCode).toBe(200);
  });

  it('holds across replicas: the counters live in Postgres', async () => {
    const shared = await t.keyFor(Role.VIEWER);
    expect((await list(shared)).statusCode).toBe(200);
    expect((await list(shared)).statusCode).toBe(200);
    const onReplica = await replica.inject({ method: 'GET', url: '/api/cases', headers: shared });
    expect(onReplica.statusCode).toBe(200);
    expect(onReplica.headers['ratelimit-remaining']).toBe('0');
    expect((await replica.inject({ method: 'GET', url: '/api/cases', headers: shared })).statusCode).toBe(429);
    expect((await list(shared)).statusCode).toBe(429);
    const rows = await t.prisma.rateLimitCounter.count({ where: { key: { startsWith: 'key:' } } });
    expect(rows).toBeGreaterThanOrEqual(3);
  });

  it('limits requests without a valid key by address, before looking keys up', async () => {
    const verify = jest.spyOn(t.app.get(ApiKeysService), 'verify');
    // 700 unknown keys in 14 concurrent bursts of 50: requests of one burst may all pass the address
    // check before the first refusal is counted, but later bursts are refused without any lookup.
    const statuses: number[] = [];
    for (let burst = 0; burst < 14; burst++) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => list({ authorization: `Bearer unknown-key-${burst}-${i}` }, '192.0.2.50')));
      statuses.push(...answers.map((r) => r.statusCode));
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(55);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(645);
    expect(verify.mock.calls.length).toBeLessThanOrEqual(55);
    const after = await list({ authorization: 'Bearer unknown-key-late' }, '192.0.2.50');
    expect(after.statusCode).toBe(429);
    expect(Number(after.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const lookupsBefore = verify.mock.calls.length;
    for (let i = 0; i < 50; i++) expect((await list({ authorization: `Bearer more-${i}` }, '192.0.2.50')).statusCode).toBe(429);
    expect(verify.mock.calls.length).toBe(lookupsBefore);
    // Requests with no header at all count too.
    expect((await list({}, '192.0.2.50')).statusCode).toBe(429);
    verify.mockRestore();
  });

  it('sequential failures: five 401s, then 429; another address and valid keys are unaffected', async () => {
    for (let i = 0; i < 5; i++) expect((await list({ authorization: 'Bearer nope' }, '192.0.2.60')).statusCode).toBe(401);
    expect((await list({ authorization: 'Bearer nope' }, '192.0.2.60')).statusCode).toBe(429);
    // The replica learns the address is over budget from the shared counter.
    expect((await replica.inject({ method: 'GET', url: '/api/cases', remoteAddress: '192.0.2.60' })).statusCode).toBe(429);
    expect((await list({ authorization: 'Bearer nope' }, '192.0.2.61')).statusCode).toBe(401);
    const fresh = await t.keyFor(Role.VIEWER);
    expect((await list(fresh, '192.0.2.62')).statusCode).toBe(200);
  });
});
