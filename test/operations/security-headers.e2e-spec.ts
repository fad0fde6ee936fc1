import type { LightMyRequestResponse } from 'fastify';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/** What helmet sets (its README lists them); cross-origin-embedder-policy is turned off on purpose. */
const HELMET_HEADERS = [
  'content-security-policy',
  'cross-origin-embedder-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

/** Every response carries the security headers: API answers, errors, the docs UI and the desk. */
describe('security headers', () => {
  let t: TestApp;
  let lead: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.keyFor(Role.LEAD);
  });
  afterAll(() => t.close());

  function expectHeaders(res: LightMyRequestResponse): void {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src '(self|none)'/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['referrer-policy']).toBeDefined();
  }

  it.each([
    ['GET', '/api/cases', true, 200],
    ['GET', '/api/cases', false, 401],
    ['GET', '/api/cases/999999', true, 404],
    ['POST', '/api/cases', true, 400],
    ['GET', '/no/such/route', false, 404],
    ['GET', '/%E0%A4%A', false, 400],
    ['GET', '/health/live', false, 200],
    ['GET', '/docs/json', false, 200],
    ['GET', '/', false, 302],
  ])('%s %s (key: %s) answers %i with them', async (method, url, withKey, status) => {
    const res = await t.request({ method: method as 'GET', url, headers: withKey ? lead : {}, ...(method === 'POST' ? { payload: {} } : {}) });
    expect(res.statusCode).toBe(status);
    expectHeaders(res);
  });

  it('an API answer carries every helmet header with the configured values', async () => {
    const res = await t.request({ method: 'GET', url: '/api/cases', headers: lead });
    expect(res.statusCode).toBe(200);
    const security = Object.fromEntries(Object.entries(res.headers).filter(([name]) => HELMET_HEADERS.includes(name)));
    expect(security).toEqual({
      'content-security-policy':
        "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;connect-src 'self';font-src 'self' data:;object-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'self'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=15552000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    });
  });

  it('the API docs page loads only same-origin scripts, which its CSP allows', async () => {
    const res = await t.request({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expectHeaders(res);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    // No inline <script> (script-src 'self' would block it) and every script/style is a relative URL.
    const scripts = [...res.body.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/src="\.?\/?[\w./-]+"/);
    for (const [, href] of res.body.matchAll(/<link[^>]*href="([^"]+)"/g)) expect(href).not.toMatch(/^(https?:)?\/\//);
    const init = await t.request({ method: 'GET', url: '/docs/swagger-ui-init.js' });
    expect(init.statusCode).toBe(200);
    expectHeaders(init);
  });

  it('the web desk keeps its own stricter CSP', async () => {
    const res = await t.request({ method: 'GET', url: '/desk' });
    expectHeaders(res);
    expect(res.headers['content-security-policy']).toContain("style-src 'self';");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
  });
});
