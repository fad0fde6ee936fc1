import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

type Operation = { operationId?: string; summary?: string; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> } & Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; securitySchemes: Record<string, { bearerFormat?: string; scheme?: string }> };
}

/** The OpenAPI document describes every operation's access and errors, and real errors match it. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;
  const validateProblem = () => addFormats(new Ajv({ strict: false })).compile(doc.components.schemas.Problem);

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '20' });
    doc = (await t.request({ method: 'GET', url: '/docs/json' })).json();
  });
  afterAll(() => t.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([verb, op]) => ({ path, verb, op })));

  it('describes the key as an opaque bearer token, not a JWT', () => {
    const scheme = doc.components.securitySchemes.bearer;
    expect(scheme.scheme).toBe('bearer');
    expect(scheme.bearerFormat).not.toMatch(/jwt/i);
  });

  it('gives every operation a unique operationId, a summary, its role and problem+json errors', () => {
    const ids = new Set<string>();
    expect(operations().length).toBeGreaterThan(20);
    for (const { path, verb, op } of operations()) {
      const where = `${verb.toUpperCase()} ${path}`;
      expect([where, op.operationId]).toEqual([where, expect.stringMatching(/^[A-Za-z]+_[A-Za-z]+$/)]);
      expect(ids.has(op.operationId!)).toBe(false);
      ids.add(op.operationId!);
      // A real sentence, not the operationId spelled out.
      expect([where, (op.summary ?? '').length > 10 && op.summary !== op.operationId!.replace(/_/g, ' ')]).toEqual([where, true]);
      expect([where, op['x-required-role']]).toEqual([where, expect.stringMatching(/^(none|viewer|agent|lead)$/)]);
      const errors = op['x-required-role'] === 'none' ? ['400'] : ['400', '401', '403', '429'];
      for (const status of errors) expect([where, status, op.responses[status]?.content?.['application/problem+json']]).toEqual([where, status, { schema: { $ref: '#/components/schemas/Problem' } }]);
    }
  });

  // Examples sit on the DTOs' properties (nested DTOs have their own), from which Swagger UI composes each operation's example.
  it('documents a success answer for every operation: a schema with examples for JSON, the media type otherwise', () => {
    const resolve = (schema: Record<string, unknown>): Record<string, unknown> => {
      const ref = (schema.$ref ?? (schema.items as { $ref?: string } | undefined)?.$ref) as string | undefined;
      return ref ? doc.components.schemas[ref.split('/').pop()!] as Record<string, unknown> : schema;
    };
    for (const { path, verb, op } of operations()) {
      const where = `${verb.toUpperCase()} ${path}`;
      const success = Object.entries(op.responses).filter(([status]) => /^[23]/.test(status));
      expect([where, success.length > 0]).toEqual([where, true]);
      for (const [status, response] of success) {
        if (status === '204' || status.startsWith('3')) {
          expect([where, status, response.content]).toEqual([where, status, undefined]);
          continue;
        }
        const content = Object.entries(response.content ?? {});
        expect([where, status, content.length > 0]).toEqual([where, status, true]);
        for (const [type, media] of content) {
          expect([where, type, typeof media.schema]).toEqual([where, type, 'object']);
          if (!type.includes('json')) continue;
          const properties = Object.values((resolve(media.schema as Record<string, unknown>).properties ?? {}) as Record<string, Record<string, unknown>>);
          expect([where, properties.length > 0, properties.some((p) => p.example !== undefined || p.$ref !== undefined || p.allOf !== undefined)]).toEqual([where, true, true]);
        }
      }
    }
    expect(Object.keys(doc.paths['/api/events'].get.responses['200'].content!)).toEqual(['text/event-stream']);
    expect(doc.paths['/'].get.responses['302']).toBeDefined();
    expect(doc.paths['/desk/auth/discord/callback'].get.responses['302']).toBeDefined();
  });

  // The one documented success no other file produced (the global teardown lists such gaps after a full run).
  it('answers GET /api/kb/articles/{id} as documented', async () => {
    const lead = await t.keyFor(Role.LEAD);
    const created = await t.request({ method: 'POST', url: '/api/kb/articles', headers: lead, payload: { slug: 'openapi-check', locale: 'en', title: 'Checked', body: 'Body' } });
    expect(created.statusCode).toBe(201);
    const fetched = await t.request({ method: 'GET', url: `/api/kb/articles/${created.json().id}`, headers: await t.keyFor(Role.VIEWER) });
    expect([fetched.statusCode, fetched.json()]).toEqual([200, created.json()]);
  });

  it('states the role the guard really enforces', async () => {
    const createKey = doc.paths['/api/keys']?.post;
    expect(createKey?.['x-required-role']).toBe('lead');
    const agent = await t.keyFor(Role.AGENT);
    expect((await t.request({ method: 'POST', url: '/api/keys', headers: agent, payload: {} })).statusCode).toBe(403);
    expect(doc.paths['/health/live'].get['x-required-role']).toBe('none');
  });

  it('real error answers, Fastify\'s own included, match the Problem schema', async () => {
    const validate = validateProblem();
    const viewer = await t.keyFor(Role.VIEWER);
    const answers = [
      await t.request({ method: 'GET', url: '/api/cases' }),
      await t.request({ method: 'GET', url: '/api/cases/999999', headers: viewer }),
      await t.request({ method: 'POST', url: '/api/cases', headers: viewer, payload: { type: 'BUG' } }),
      await t.request({ method: 'POST', url: '/api/cases', headers: { ...viewer, 'content-type': 'text/plain' }, payload: 'hello' }),
      await t.request({ method: 'GET', url: '/no/such/route' }),
      await t.request({ method: 'GET', url: '/%E0%A4%A' }),
      await t.request({ method: 'GET', url: `/api/cases?q=${'a'.repeat(9000)}`, headers: viewer }),
      await t.request({ method: 'POST', url: '/api/cases', headers: { ...viewer, 'content-type': 'application/json' }, payload: `{"title":"${'x'.repeat(1_100_000)}"}` }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([401, 404, 403, 415, 404, 400, 414, 413]);
    for (const answer of answers) {
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([answer.statusCode, validate(answer.json()), validate.errors]).toEqual([answer.statusCode, true, null]);
    }
  });
});
