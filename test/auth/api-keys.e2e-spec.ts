import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

type KeyView = {
  id: string;
  name: string;
  prefix: string;
  role: string;
  person: { id: string; displayName: string };
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

describe('/api/keys', () => {
  let t: TestApp;
  let lead: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.keyFor(Role.LEAD, 'root-lead');
  });
  afterAll(() => t.close());

  /** A person named after the key unless the payload says otherwise (or is the list of cases below). */
  const createKey = (payload: Record<string, unknown>, person = true) =>
    t.request({ method: 'POST', url: '/api/keys', headers: lead, payload: person && typeof payload.name === 'string' ? { displayName: 'Test person', ...payload } : payload });
  const list = async () => {
    const res = await t.request({ method: 'GET', url: '/api/keys', headers: lead });
    expect(res.statusCode).toBe(200);
    return { body: res.body, keys: res.json() as KeyView[] };
  };
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('creates a key whose secret is in that response only, and which works at once with its role', async () => {
    const res = await createKey({ name: ' support-dashboard ', role: 'VIEWER' });
    expect(res.statusCode).toBe(201);
    const { key, apiKey } = res.json() as { key: string; apiKey: KeyView };
    expect(key).toMatch(/^bk_[\w-]{40,}$/);
    expect(apiKey).toMatchObject({ name: 'support-dashboard', role: 'VIEWER', prefix: key.slice(0, 10), revokedAt: null, lastUsedAt: null });
    expect(apiKey).not.toHaveProperty('hash');

    expect((await t.request({ method: 'GET', url: '/api/cases', headers: bearer(key) })).statusCode).toBe(200);
    expect((await t.request({ method: 'POST', url: '/api/cases', headers: bearer(key), payload: { type: 'BUG', title: 'x', description: 'y' } })).statusCode).toBe(403);

    const { body, keys } = await list();
    expect(keys.map((k) => k.name)).toEqual(['root-lead', 'support-dashboard']);
    expect(body).not.toContain(key);
    expect(body).not.toContain(key.slice(10));
    for (const k of keys) expect(Object.keys(k).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'person', 'prefix', 'revokedAt', 'role']);
    // Only a hash is stored: the secret is nowhere in the table.
    const stored = await t.prisma.apiKey.findUniqueOrThrow({ where: { name: 'support-dashboard' } });
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key.slice(10));
  });

  it('records when a key was last used', async () => {
    const { key } = (await createKey({ name: 'used-key', role: 'AGENT' })).json() as { key: string };
    expect((await t.request({ method: 'GET', url: '/api/cases', headers: bearer(key) })).statusCode).toBe(200);
    // Written after the request without holding it up: poll briefly.
    let lastUsedAt: Date | null = null;
    for (let i = 0; i < 50 && !lastUsedAt; i++) {
      ({ lastUsedAt } = await t.prisma.apiKey.findUniqueOrThrow({ where: { name: 'used-key' }, select: { lastUsedAt: true } }));
      if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a taken name with 409, and bad names or roles with 400 naming the field', async () => {
    const taken = await createKey({ name: 'support-dashboard', role: 'LEAD' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'api_key_name_taken' });
    // The same new name twice at once: one wins, the other gets the same 409.
    const raced = await Promise.all([createKey({ name: 'raced', role: 'VIEWER' }), createKey({ name: 'raced', role: 'VIEWER' })]);
    expect(raced.map((res) => res.statusCode).sort()).toEqual([201, 409]);

    const cases: [Record<string, unknown>, string[]][] = [
      [{ name: 'ok-name', role: 'ADMIN' }, ['role']],
      [{ name: 'ok-name', role: 'lead' }, ['role']],
      [{ name: '', role: 'LEAD' }, ['name']],
      [{ name: 'x'.repeat(101), role: 'LEAD' }, ['name']],
      [{ name: 'bad/name;', role: 'LEAD' }, ['name']],
      [{ name: 'ok-name', role: 'LEAD', key: 'my-own-secret' }, ['key']],
      [{ name: 'ok-name', role: 'LEAD', displayName: '**@everyone**' }, ['displayName']],
      [{ name: 'ok-name', role: 'LEAD', displayName: 'x'.repeat(101) }, ['displayName']],
      [{}, ['displayName', 'name', 'role']],
    ];
    for (const [payload, fields] of cases) {
      const res = await createKey(payload, Object.keys(payload).length > 0);
      expect(res.statusCode).toBe(400);
      expect([...new Set(res.json().errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
    }
  });

  it('revokes by name or by id; the revoked key gets 401 at once', async () => {
    const first = (await createKey({ name: 'to-revoke-by-name', role: 'LEAD' })).json() as { key: string; apiKey: KeyView };
    const second = (await createKey({ name: 'to-revoke-by-id', role: 'AGENT' })).json() as { key: string; apiKey: KeyView };
    expect((await t.request({ method: 'GET', url: '/api/keys', headers: bearer(first.key) })).statusCode).toBe(200);

    const byName = await t.request({ method: 'DELETE', url: '/api/keys/to-revoke-by-name', headers: lead });
    expect(byName.statusCode).toBe(200);
    expect(byName.json()).toMatchObject({ name: 'to-revoke-by-name', revokedAt: expect.any(String) });
    const byId = await t.request({ method: 'DELETE', url: `/api/keys/${second.apiKey.id}`, headers: lead });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toMatchObject({ name: 'to-revoke-by-id', revokedAt: expect.any(String) });

    for (const key of [first.key, second.key]) {
      const res = await t.request({ method: 'GET', url: '/api/cases', headers: bearer(key) });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthorized');
    }
    const again = await t.request({ method: 'DELETE', url: '/api/keys/to-revoke-by-name', headers: lead });
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(byName.json().revokedAt);
    const { keys } = await list();
    expect(keys.find((k) => k.name === 'to-revoke-by-name')?.revokedAt).toBe(byName.json().revokedAt);
    expect(keys.find((k) => k.name === 'root-lead')?.revokedAt).toBeNull();
  });

  it('answers 404 when revoking a key that does not exist', async () => {
    for (const idOrName of ['nobody', '00000000-0000-0000-0000-000000000000', '-'.repeat(36), '0000000000000000000000000000000000-0']) {
      const res = await t.request({ method: 'DELETE', url: `/api/keys/${idOrName}`, headers: lead });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
  });

  it('compares key names and display names ignoring case, so look-alike actors cannot coexist', async () => {
    expect((await createKey({ name: 'lookalike', role: 'VIEWER' })).statusCode).toBe(201);
    const upper = await createKey({ name: 'LOOKALIKE', role: 'LEAD' });
    expect(upper.statusCode).toBe(409);
    expect(upper.json()).toMatchObject({ code: 'api_key_name_taken' });
    expect((await t.request({ method: 'DELETE', url: '/api/keys/LookAlike', headers: lead })).json()).toMatchObject({ name: 'lookalike' });

    // A second key for "mia from support" is Mia's: one person, one name players see.
    const first = (await createKey({ name: 'mia-laptop', role: 'AGENT', displayName: 'Mia from Support' })).json() as { apiKey: KeyView };
    const second = (await createKey({ name: 'mia-phone', role: 'AGENT', displayName: 'mia FROM support' })).json() as { apiKey: KeyView };
    expect(second.apiKey.person).toEqual(first.apiKey.person);
    expect(first.apiKey.person.displayName).toBe('Mia from Support');
    expect(await t.prisma.person.count({ where: { displayName: { equals: 'mia from support', mode: 'insensitive' } } })).toBe(1);
  });

  it('keeps the last active lead key: revoking it is a 409 that says why', async () => {
    const own = await createTestApp();
    try {
      const onlyLead = await own.keyFor(Role.LEAD, 'only-lead');
      await own.keyFor(Role.AGENT, 'an-agent');
      const res = await own.request({ method: 'DELETE', url: '/api/keys/only-lead', headers: onlyLead });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'last_lead_key', detail: expect.stringContaining('last active lead key') });
      expect((await own.request({ method: 'GET', url: '/api/keys', headers: onlyLead })).statusCode).toBe(200);

      // With a second lead, one may go; then the other is the last again.
      const second = (await own.request({ method: 'POST', url: '/api/keys', headers: onlyLead, payload: { name: 'second-lead', role: 'LEAD', displayName: 'Second' } })).json() as { key: string };
      const both = await Promise.all([
        own.request({ method: 'DELETE', url: '/api/keys/only-lead', headers: bearer(second.key) }),
        own.request({ method: 'DELETE', url: '/api/keys/second-lead', headers: onlyLead }),
      ]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await own.prisma.apiKey.count({ where: { role: 'LEAD', revokedAt: null } })).toBe(1);
    } finally {
      await own.close();
    }
  });
});
