import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory';
import { ConfigValidationError, loadConfig } from '../../src/config/app-config';
import { createTestDatabase } from '../utils/test-database';
import { createTestApp } from '../utils/test-app';

const FIRST = 'bootstrap-key-0123456789abcdefghijklmnop';
const SECOND = 'another-bootstrap-key-0123456789abcdefghij';

/** Boots the real app on an existing database, as a restart would. */
async function boot(databaseUrl: string, env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MIGRATE_ON_BOOT: 'false', DATABASE_URL: databaseUrl, ...env });
  const app = await createApp(config, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('BOOTSTRAP_API_KEY', () => {
  it('creates a lead key with that value on first boot, and not again once keys exist', async () => {
    const t = await createTestApp({ BOOTSTRAP_API_KEY: FIRST });
    try {
      const keys = await t.request({ method: 'GET', url: '/api/keys', headers: bearer(FIRST) });
      expect(keys.statusCode).toBe(200);
      expect(keys.json()).toEqual([expect.objectContaining({ name: 'bootstrap', role: 'LEAD', revokedAt: null, person: expect.objectContaining({ displayName: 'Support team' }) })]);
      expect(keys.body).not.toContain(FIRST.slice(10));

      // A restart with the same or another value changes nothing.
      for (const secret of [FIRST, SECOND]) {
        const again = await boot(t.databaseUrl, { BOOTSTRAP_API_KEY: secret });
        try {
          expect(await t.prisma.apiKey.count()).toBe(1);
          expect((await again.inject({ method: 'GET', url: '/api/cases', headers: bearer(FIRST) })).statusCode).toBe(200);
          expect((await again.inject({ method: 'GET', url: '/api/cases', headers: bearer(SECOND) })).statusCode).toBe(401);
        } finally {
          await again.close();
        }
      }
    } finally {
      await t.close();
    }
  });

  it('creates nothing when a key already exists, even if the bootstrap key is revoked', async () => {
    const database = await createTestDatabase();
    try {
      const plain = await boot(database.url, {});
      const lead = await plain.inject({ method: 'GET', url: '/api/keys' });
      expect(lead.statusCode).toBe(401); // no key at all yet, and none was bootstrapped
      await plain.close();

      const seeded = await boot(database.url, { BOOTSTRAP_API_KEY: FIRST });
      // The bootstrap key makes an "ops" lead key, which revokes it; ops itself, the last lead key, stays.
      const created = await seeded.inject({ method: 'POST', url: '/api/keys', headers: bearer(FIRST), payload: { name: 'ops', role: 'LEAD', displayName: 'Ops' } });
      expect(created.statusCode).toBe(201);
      const ops = created.json().key as string;
      expect((await seeded.inject({ method: 'DELETE', url: '/api/keys/bootstrap', headers: bearer(ops) })).statusCode).toBe(200);
      expect((await seeded.inject({ method: 'DELETE', url: '/api/keys/ops', headers: bearer(ops) })).statusCode).toBe(409);
      await seeded.close();

      const restarted = await boot(database.url, { BOOTSTRAP_API_KEY: SECOND });
      try {
        expect((await restarted.inject({ method: 'GET', url: '/api/cases', headers: bearer(SECOND) })).statusCode).toBe(401);
        expect((await restarted.inject({ method: 'GET', url: '/api/cases', headers: bearer(FIRST) })).statusCode).toBe(401);
        expect((await restarted.inject({ method: 'GET', url: '/api/cases', headers: bearer(ops) })).statusCode).toBe(200);
      } finally {
        await restarted.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('lets two instances booting at once on an empty database both start, with one bootstrap key', async () => {
    const database = await createTestDatabase();
    try {
      const apps = await Promise.all([boot(database.url, { BOOTSTRAP_API_KEY: FIRST }), boot(database.url, { BOOTSTRAP_API_KEY: FIRST })]);
      try {
        for (const app of apps) expect((await app.inject({ method: 'GET', url: '/api/keys', headers: bearer(FIRST) })).json()).toHaveLength(1);
      } finally {
        await Promise.all(apps.map((app) => app.close()));
      }
    } finally {
      await database.drop();
    }
  });

  it('stops the boot when the value is too short, naming the variable', () => {
    expect(() => loadConfig({ BOOTSTRAP_API_KEY: 'short' })).toThrow(ConfigValidationError);
    expect(() => loadConfig({ BOOTSTRAP_API_KEY: 'short' })).toThrow(/BOOTSTRAP_API_KEY/);
    expect(() => loadConfig({ BOOTSTRAP_API_KEY: 'x'.repeat(31) })).toThrow(/at least 32 characters/);
    expect(loadConfig({ BOOTSTRAP_API_KEY: 'x'.repeat(32) }).BOOTSTRAP_API_KEY).toBe('x'.repeat(32));
  });
});
