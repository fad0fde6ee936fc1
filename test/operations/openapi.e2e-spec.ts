import Ajv from 'ajv';
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
  const validateProblem = () => new Ajv({ strict: false }).compile(doc.components.schemas.Problem);

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
      expect([where, typeof op.summary]).toEqual([where, 'string']);
      expect([where, op['x-required-role']]).toEqual([where, expect.stringMatching(/^(none|viewer|agent|lead)$/)]);
      const errors = op['x-required-role'] === 'none' ? ['400'] : ['400', '401', '403', '429'];
      for (const status of errors) expect([where, status, op.responses[status]?.content?.['application/problem+json']]).toEqual([where, status, { schema: { $ref: '#/components/schemas/Problem' } }]);
    }
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
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([401, 404, 403, 415, 404, 400]);
    for (const answer of answers) {
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([answer.statusCode, validate(answer.json()), validate.errors]).toEqual([answer.statusCode, true, null]);
    }
  });
});
