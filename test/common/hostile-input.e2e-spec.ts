import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

type Response = Awaited<ReturnType<TestApp['request']>>;

/** The reproductions of 500s: each now answers a 4xx problem+json naming what was wrong. */
describe('hostile input', () => {
  let t: TestApp;
  let lead: { authorization: string };
  let articleId: string;

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.keyFor(Role.LEAD);
    await t.request({ method: 'POST', url: '/api/cases', headers: lead, payload: { type: 'BUG', title: 'Target', description: 'For PATCH and notes' } });
    const article = await t.request({ method: 'POST', url: '/api/kb/articles', headers: lead, payload: { slug: 'target', locale: 'en', title: 'Target', body: 'Body' } });
    articleId = article.json().id;
  });
  afterAll(() => t.close());

  const send = (options: InjectOptions) => t.request({ ...options, headers: { ...lead, ...options.headers } });
  const raw = (method: InjectOptions['method'], url: string, payload: string) => send({ method, url, headers: { 'content-type': 'application/json' }, payload });
  const expectProblem = (res: Response, status: number, code: string, fields?: string[]) => {
    expect({ status: res.statusCode, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
    expect(res.json()).toMatchObject({ status, code });
    if (fields) expect([...new Set((res.json().errors as { field: string }[]).map((e) => e.field))].sort()).toEqual(fields);
  };

  it('refuses JSON nested 1,500 arrays deep with a 400, on every JSON-body route', async () => {
    const deep = `${'['.repeat(1500)}${']'.repeat(1500)}`;
    expectProblem(await raw('POST', '/api/cases/1/notes', `{"body": ${deep}}`), 400, 'validation_failed', ['body']);
    expectProblem(await raw('PATCH', '/api/cases/1', `{"title": ${deep}}`), 400, 'validation_failed', ['title']);
    expectProblem(await raw('POST', '/api/kb/articles', `{"tags": ${deep}}`), 400, 'validation_failed', ['tags']);
    const res = await raw('POST', '/api/cases', `{"x":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`);
    expectProblem(res, 400, 'validation_failed');
    expect(res.json().detail).toMatch(/nested more than 32 levels/);
  });

  it('refuses NUL bytes in paths, with or without a key, naming the parameter', async () => {
    expectProblem(await t.request({ method: 'GET', url: '/kb/en/%00' }), 400, 'validation_failed', ['slug']);
    expectProblem(await send({ method: 'DELETE', url: '/api/keys/%00' }), 400, 'validation_failed', ['idOrName']);
    expectProblem(await send({ method: 'GET', url: '/api/cases?q=a%00b' }), 400, 'validation_failed', ['q']);
  });

  it('refuses ids that are not uuids (36 hyphens) with a 400 naming id', async () => {
    const hyphens = '-'.repeat(36);
    expectProblem(await send({ method: 'GET', url: `/api/kb/articles/${hyphens}` }), 400, 'validation_failed', ['id']);
    expectProblem(await send({ method: 'PATCH', url: `/api/kb/articles/${hyphens}`, payload: { title: 'x' } }), 400, 'validation_failed', ['id']);
    expectProblem(await send({ method: 'DELETE', url: `/api/kb/articles/${hyphens}` }), 400, 'validation_failed', ['id']);
    expectProblem(await send({ method: 'POST', url: `/api/conversations/${hyphens}/close` }), 400, 'validation_failed', ['id']);
    expectProblem(await send({ method: 'GET', url: `/api/cases/1/attachments/${hyphens}` }), 400, 'validation_failed', ['id']);
    // A well-formed uuid that names nothing is still a 404.
    expectProblem(await send({ method: 'GET', url: '/api/kb/articles/3f1c9a52-7b0e-4d2a-9c4f-0e8b6a1d2c3e' }), 404, 'not_found');
  });

  it.each([
    ['2024-02-30T00:00:00.000Z'],
    ['0000-01-01T00:00:00.000Z'],
    ['2024-13-01T00:00:00.000Z'],
  ])('refuses an updatedAt cursor with the impossible date %s', async (date) => {
    const cursor = Buffer.from(JSON.stringify([date, 1])).toString('base64url');
    expectProblem(await send({ method: 'GET', url: `/api/cases?sort=updatedAt&cursor=${cursor}` }), 400, 'validation_failed', ['cursor']);
  });

  it('searches made of operators (36 hyphens, dangling "-") answer 200, not Postgres\' "tsquery stack too small"', async () => {
    for (const q of ['-'.repeat(36), '- '.repeat(40), '-a '.repeat(60), '!(&|:*'.repeat(20)]) {
      const res = await send({ method: 'GET', url: `/api/cases?q=${encodeURIComponent(q)}&status=RESOLVED&limit=75` });
      expect([q.slice(0, 12), res.statusCode]).toEqual([q.slice(0, 12), 200]);
    }
    const found = await send({ method: 'GET', url: '/api/cases?q=--target' });
    expect(found.json().items).toEqual([]); // "--target" is "not target", as websearch reads one "-"
    expect((await send({ method: 'GET', url: '/api/cases?q=target' })).json().items).toHaveLength(1);
  });

  it('a cursor the API returned still round-trips', async () => {
    await send({ method: 'POST', url: '/api/cases', payload: { type: 'BUG', title: 'Second', description: 'x' } });
    const first = await send({ method: 'GET', url: '/api/cases?sort=updatedAt&limit=1' });
    const next = await send({ method: 'GET', url: `/api/cases?sort=updatedAt&limit=1&cursor=${first.json().nextCursor}` });
    expect(next.statusCode).toBe(200);
    expect(next.json().items).toHaveLength(1);
  });

  it('refuses lone surrogates in bodies and queries, naming the field', async () => {
    expectProblem(await raw('POST', '/api/cases/1/notes', '{"body":"\\ud800"}'), 400, 'validation_failed', ['body']);
    expectProblem(await raw('PATCH', '/api/cases/1', '{"title":"a\\udc00"}'), 400, 'validation_failed', ['title']);
    expectProblem(await raw('PATCH', `/api/kb/articles/${articleId}`, '{"tags":["ok","\\ud800"]}'), 400, 'validation_failed', ['tags[1]']);
    expectProblem(await raw('POST', '/api/kb/articles', '{"slug":"s","locale":"en","title":"t","body":"b","tags":["\\ud83d"]}'), 400, 'validation_failed', ['tags[0]']);
    // A real surrogate pair (an emoji) is fine.
    expect((await raw('POST', '/api/cases/1/notes', '{"body":"\\ud83d\\ude00"}')).statusCode).toBe(201);
  });

  it('refuses explicit null where it does not mean "clear", and keeps null for the assignee', async () => {
    expectProblem(await raw('PATCH', '/api/cases/1', '{"priority":null}'), 400, 'validation_failed', ['priority']);
    expectProblem(await raw('PATCH', '/api/cases/1', '{"title":null,"status":null}'), 400, 'validation_failed', ['status', 'title']);
    expectProblem(await raw('PATCH', `/api/kb/articles/${articleId}`, '{"title":null}'), 400, 'validation_failed', ['title']);
    expectProblem(await raw('PATCH', `/api/kb/articles/${articleId}`, '{"tags":null}'), 400, 'validation_failed', ['tags']);
    expect((await raw('PATCH', '/api/cases/1', '{"assignee":"mia"}')).statusCode).toBe(200);
    const cleared = await raw('PATCH', '/api/cases/1', '{"assignee":null}');
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().assignee).toBeNull();
  });

  it('answers 414 to an overlong URL and 404 to unknown routes anywhere, as problem+json', async () => {
    expectProblem(await send({ method: 'GET', url: `/api/cases?q=${'a'.repeat(9000)}` }), 414, 'uri_too_long');
    expectProblem(await t.request({ method: 'GET', url: '/no/such/page' }), 404, 'not_found');
    expectProblem(await t.request({ method: 'PUT', url: '/kb/en/target' }), 404, 'not_found');
  });

  it('answers headers over 16 KB with a 431 problem+json, on a real socket', async () => {
    const server = await createTestApp();
    try {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.app.getHttpServer().address() as AddressInfo;
      const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/api/cases', headers: { 'x-padding': 'p'.repeat(20_000) } }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, type: String(response.headers['content-type']), body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(res.status).toBe(431);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'headers_too_large' });
    } finally {
      await server.close();
    }
  });

  it('stored nothing from any refused request', async () => {
    expect(await t.prisma.case.count()).toBe(2);
    expect(await t.prisma.caseEvent.count({ where: { type: 'NOTE' } })).toBe(1);
  });
});
