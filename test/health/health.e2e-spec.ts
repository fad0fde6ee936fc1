import type { LightMyRequestResponse } from 'fastify';
import { Client } from 'pg';
import { PrismaService } from '../../src/database/prisma.service';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/** Runs SQL as the server's admin (the test database itself may be refusing connections). */
async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Operations: liveness, readiness through a database outage and shutdown, and request ids. */
describe('health and request ids', () => {
  let t: TestApp;
  let lead: { authorization: string };
  let closed = false;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.keyFor(Role.LEAD);
  });
  afterAll(async () => {
    if (!closed) await t.close();
  });

  it('/health/live answers 200 without an API key', async () => {
    const res = await t.request({ method: 'GET', url: '/health/live' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/health/ready answers 200 when the database answers', async () => {
    const res = await t.request({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', database: 'up', queueWorker: 'running' });
  });

  it('/health/ready answers 503 while the database refuses connections, and 200 again once it is back', async () => {
    const name = new URL(t.databaseUrl).pathname.slice(1);
    await admin(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    try {
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      const down = await t.request({ method: 'GET', url: '/health/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable', database: 'down' });
      expect((await t.request({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await admin(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
    }
    expect((await t.request({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  describe('request ids', () => {
    it('gives every response an X-Request-Id, errors included, and a new one per request', async () => {
      const responses = await Promise.all([
        t.request({ method: 'GET', url: '/health/live' }),
        t.request({ method: 'GET', url: '/api/cases', headers: lead }),
        t.request({ method: 'GET', url: '/api/cases' }), // 401
        t.request({ method: 'GET', url: '/api/cases/42', headers: lead }), // 404
        t.request({ method: 'GET', url: '/no/such/route' }), // 404 from the router
        t.request({ method: 'POST', url: '/api/cases', headers: { ...lead, 'content-type': 'application/json' }, payload: '{oops' }), // 400
        t.request({ method: 'GET', url: '/api/cases/%E0%A4%A' }), // 400 malformed URL
      ]);
      expect(responses.map((res) => res.statusCode)).toEqual([200, 200, 401, 404, 404, 400, 400]);
      const ids = responses.map((res) => res.headers['x-request-id']);
      for (const id of ids) expect(id).toMatch(UUID);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('echoes a caller-supplied X-Request-Id', async () => {
      const ok = await t.request({ method: 'GET', url: '/api/cases', headers: { ...lead, 'x-request-id': 'dashboard-7f3a.1' } });
      expect(ok.headers['x-request-id']).toBe('dashboard-7f3a.1');
      const failed = await t.request({ method: 'GET', url: '/api/cases/abc', headers: { ...lead, 'x-request-id': 'trace:42' } });
      expect(failed.statusCode).toBe(400);
      expect(failed.headers['x-request-id']).toBe('trace:42');
    });

    it('replaces a caller id that is too long or not plain text with its own', async () => {
      for (const given of ['x'.repeat(129), 'two words', '{"forged":"log"}']) {
        const res = await t.request({ method: 'GET', url: '/health/live', headers: { 'x-request-id': given } });
        expect(res.headers['x-request-id']).toMatch(UUID);
      }
    });
  });

  // Last: it shuts the app down.
  it('/health/ready answers 503 "shutting_down" once shutdown starts, before the database is disconnected', async () => {
    const prisma = t.app.get(PrismaService);
    const disconnect = prisma.onModuleDestroy.bind(prisma);
    let during: LightMyRequestResponse | undefined;
    // Ask for readiness at the moment Prisma is about to disconnect: the app is shutting down but still serving.
    jest.spyOn(prisma, 'onModuleDestroy').mockImplementation(async () => {
      during = await t.request({ method: 'GET', url: '/health/ready' });
      await disconnect();
    });
    closed = true;
    await t.close();
    expect(during?.statusCode).toBe(503);
    expect(during?.json()).toEqual({ status: 'shutting_down' });
  });
});
