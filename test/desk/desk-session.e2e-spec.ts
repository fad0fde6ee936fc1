import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { deskFolder } from '../../src/desk/desk-static.controller';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/** Desk sign-in with an API key: the session cookie works like the key; cookie writes need the CSRF token. */
describe('desk sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function signIn(role: Role) {
    const { authorization } = await t.keyFor(role);
    const key = authorization.replace('Bearer ', '');
    const response = await t.request({ method: 'POST', url: '/api/session', payload: { key } });
    expect(response.statusCode).toBe(201);
    const setCookie = String(response.headers['set-cookie']);
    const cookie = setCookie.split(';')[0];
    return { key, cookie, setCookie, csrf: response.json().csrfToken as string, body: response.json() };
  }

  it('exchanges a key for an HttpOnly, SameSite=Strict session cookie stored server-side', async () => {
    const { cookie, setCookie, body } = await signIn(Role.LEAD);
    expect(setCookie).toMatch(/^desk_session=[\w-]{40,};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // PUBLIC_URL is not https here
    expect(body).toMatchObject({ role: 'LEAD', via: 'key' });
    const token = decodeURIComponent(cookie.split('=')[1]);
    const rows = await t.prisma.session.findMany();
    expect(rows.some((r) => r.tokenHash.length === 64 && !r.tokenHash.includes(token))).toBe(true);
    const me = await t.request({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ name: body.name, role: 'LEAD' });
    expect((await t.request({ method: 'GET', url: '/api/cases', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses a wrong key without setting a cookie', async () => {
    const response = await t.request({ method: 'POST', url: '/api/session', payload: { key: 'bk_not-a-real-key-at-all' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('refuses cookie writes without the CSRF token and accepts them with it', async () => {
    const { cookie, csrf } = await signIn(Role.LEAD);
    const payload = { type: 'BUG', title: 'Crash on load', description: 'It crashes', reporterName: 'Ana' };
    const without = await t.request({ method: 'POST', url: '/api/cases', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().code).toBe('csrf_token_missing');
    const wrong = await t.request({ method: 'POST', url: '/api/cases', headers: { cookie, 'x-csrf-token': csrf.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }, payload });
    expect(wrong.statusCode).toBe(403);
    const right = await t.request({ method: 'POST', url: '/api/cases', headers: { cookie, 'x-csrf-token': csrf }, payload });
    expect(right.statusCode).toBe(201);
    expect(await t.prisma.case.count({ where: { title: 'Crash on load' } })).toBe(1);
  });

  it('gives a viewer session reads only', async () => {
    const { cookie, csrf } = await signIn(Role.VIEWER);
    expect((await t.request({ method: 'GET', url: '/api/conversations', headers: { cookie } })).statusCode).toBe(200);
    const write = await t.request({ method: 'POST', url: '/api/kb/articles', headers: { cookie, 'x-csrf-token': csrf }, payload: { slug: 'x', locale: 'en', title: 'X', body: 'Y' } });
    expect(write.statusCode).toBe(403);
  });

  it('ends the session when its key is revoked, when it expires, and on sign-out', async () => {
    const revoked = await signIn(Role.AGENT);
    const lead = await t.keyFor(Role.LEAD);
    const keyId = (await t.prisma.session.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).apiKeyId!;
    expect((await t.request({ method: 'DELETE', url: `/api/keys/${keyId}`, headers: lead })).statusCode).toBeLessThan(300);
    const afterRevoke = await t.request({ method: 'GET', url: '/api/cases', headers: { cookie: revoked.cookie } });
    expect(afterRevoke.statusCode).toBe(401);
    expect(afterRevoke.json().code).toBe('session_expired');

    const expiring = await signIn(Role.AGENT);
    await t.prisma.session.updateMany({ where: { apiKey: { revokedAt: null } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await t.request({ method: 'GET', url: '/api/cases', headers: { cookie: expiring.cookie } })).statusCode).toBe(401);

    const leaving = await signIn(Role.AGENT);
    const out = await t.request({ method: 'DELETE', url: '/api/session', headers: { cookie: leaving.cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/desk_session=;.*Max-Age=0/);
    expect((await t.request({ method: 'GET', url: '/api/session', headers: { cookie: leaving.cookie } })).statusCode).toBe(401);
  });

  it('serves the built desk at /desk with a strict content security policy', async () => {
    const page = await t.request({ method: 'GET', url: '/desk' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.body).toContain('/desk/app.js');
    const slash = await t.request({ method: 'GET', url: '/desk/' });
    expect([slash.statusCode, slash.headers.location]).toEqual([301, '/desk']);
    expect((await t.request({ method: 'GET', url: '/desk/app.js' })).headers['content-type']).toMatch(/javascript/);
    expect((await t.request({ method: 'GET', url: '/desk/..%2Fpackage.json' })).body).not.toContain('"dependencies"');
    // The budget: at most 150 KB of JavaScript, gzipped, for the first view (the desk has one bundle).
    expect(gzipSync(readFileSync(join(deskFolder(), 'app.js'))).length).toBeLessThan(150 * 1024);
  });
});

describe('desk sessions behind https', () => {
  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const t = await createTestApp({ PUBLIC_URL: 'https://desk.example.com' });
    try {
      const { authorization } = await t.keyFor(Role.VIEWER);
      const response = await t.request({ method: 'POST', url: '/api/session', payload: { key: authorization.replace('Bearer ', '') } });
      expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });
});
