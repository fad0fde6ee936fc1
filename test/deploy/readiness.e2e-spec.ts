// Readiness tells a load balancer the embedded Postgres is being restarted (src/database/embedded-supervisor.ts).
import { DatabaseConnection } from '../../src/database/database-connection';
import { createTestDatabase } from '../utils/test-database';
import { createTestApp, TestApp } from '../utils/test-app';

describe('GET /health/ready while the embedded Postgres restarts', () => {
  let t: TestApp;
  let drop: () => Promise<void>;
  const connection = { state: 'up', url: '', close: async () => undefined, whenSettled: async () => undefined };

  beforeAll(async () => {
    const database = await createTestDatabase();
    connection.url = database.url;
    drop = database.drop;
    t = await createTestApp({}, { overrides: [{ provide: DatabaseConnection, useValue: connection }] });
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('is 503 "restarting" meanwhile and ready again once it is back; liveness stays up', async () => {
    expect((await t.request({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    connection.state = 'restarting';
    const during = await t.request({ method: 'GET', url: '/health/ready' });
    expect(during.statusCode).toBe(503);
    expect(during.json()).toEqual({ status: 'unavailable', database: 'restarting' });
    expect((await t.request({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    connection.state = 'up';
    expect((await t.request({ method: 'GET', url: '/health/ready' })).json()).toEqual({ status: 'ready', database: 'up' });
  });
});
