import type { InjectOptions } from 'fastify';
import { Role } from '../../src/generated/prisma/enums';
import { caseFactory } from '../factories/case.factory';
import { createTestApp, TestApp } from '../utils/test-app';

type Headers = { authorization: string };

describe('roles and authentication', () => {
  let t: TestApp;
  let viewer: Headers;
  let agent: Headers;
  let lead: Headers;
  let number: number;

  beforeAll(async () => {
    t = await createTestApp();
    [viewer, agent, lead] = await Promise.all([t.keyFor(Role.VIEWER), t.keyFor(Role.AGENT), t.keyFor(Role.LEAD)]);
    ({ number } = await caseFactory(t.prisma, { title: 'Role matrix case' }));
  });
  afterAll(() => t.close());

  const as = (headers: Headers | Record<string, string>, options: InjectOptions) => t.request({ ...options, headers: { ...options.headers, ...headers } });
  const expectProblem = (res: Awaited<ReturnType<TestApp['request']>>, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status, code, type: `about:blank#${code}`, title: expect.any(String), detail: expect.any(String) });
    if (status === 401) expect(res.headers['www-authenticate']).toBe('Bearer');
  };

  const reads = (): InjectOptions[] => [
    { method: 'GET', url: '/api/cases' },
    { method: 'GET', url: `/api/cases/${number}` },
    { method: 'GET', url: '/api/cases/stats' },
  ];
  const writes = (): InjectOptions[] => [
    { method: 'POST', url: '/api/cases', payload: { type: 'BUG', title: 'x', description: 'y' } },
    { method: 'PATCH', url: `/api/cases/${number}`, payload: { status: 'IN_PROGRESS' } },
    { method: 'PATCH', url: `/api/cases/${number}`, payload: { priority: 'HIGH' } },
    { method: 'POST', url: `/api/cases/${number}/notes`, payload: { body: 'hello' } },
    { method: 'GET', url: '/api/keys' },
    { method: 'POST', url: '/api/keys', payload: { name: 'sneaky', role: 'LEAD' } },
    { method: 'DELETE', url: '/api/keys/sneaky' },
  ];

  describe('without a valid key', () => {
    it.each([
      ['no Authorization header', {}],
      ['a Basic header', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['"Bearer" with no key', { authorization: 'Bearer' }],
      ['a key with a space in it', { authorization: 'Bearer abc def' }],
      ['an unknown key', { authorization: 'Bearer bk_thisKeyWasNeverIssuedByTheService000000000' }],
    ])('answers 401 unauthorized to %s, on reads and writes', async (_, headers) => {
      for (const request of [...reads(), ...writes()]) {
        expectProblem(await as(headers, request), 401, 'unauthorized');
      }
    });

    it('keeps the documentation and health public', async () => {
      expect((await t.request({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      expect((await t.request({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    });
  });

  describe('viewer', () => {
    it('can read cases and stats', async () => {
      for (const request of reads()) expect((await as(viewer, request)).statusCode).toBe(200);
    });

    it('gets 403 forbidden on every write, and nothing changes', async () => {
      for (const request of writes()) expectProblem(await as(viewer, request), 403, 'forbidden');
      const after = await as(viewer, { method: 'GET', url: `/api/cases/${number}` });
      expect(after.json()).toMatchObject({ status: 'OPEN', priority: 'NORMAL', events: [] });
      expect(await t.prisma.case.count()).toBe(1);
      expect(await t.prisma.apiKey.count({ where: { name: 'sneaky' } })).toBe(0);
    });
  });

  describe('agent', () => {
    it('can read, add notes and change the status', async () => {
      for (const request of reads()) expect((await as(agent, request)).statusCode).toBe(200);
      expect((await as(agent, { method: 'POST', url: `/api/cases/${number}/notes`, payload: { body: 'Looking into it' } })).statusCode).toBe(201);
      const res = await as(agent, { method: 'PATCH', url: `/api/cases/${number}`, payload: { status: 'IN_PROGRESS' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('IN_PROGRESS');
    });

    it.each([{ priority: 'HIGH' }, { assignee: 'agent-x' }, { title: 'Renamed' }, { status: 'WAITING', priority: 'LOW' }])(
      'gets 403 changing %o, and nothing changes',
      async (payload) => {
        expectProblem(await as(agent, { method: 'PATCH', url: `/api/cases/${number}`, payload }), 403, 'forbidden');
        const after = (await as(agent, { method: 'GET', url: `/api/cases/${number}` })).json();
        expect(after).toMatchObject({ status: 'IN_PROGRESS', priority: 'NORMAL', assignee: null, title: 'Role matrix case' });
      },
    );

    it('gets 403 creating cases and managing keys', async () => {
      expectProblem(await as(agent, { method: 'POST', url: '/api/cases', payload: { type: 'BUG', title: 'x', description: 'y' } }), 403, 'forbidden');
      expectProblem(await as(agent, { method: 'GET', url: '/api/keys' }), 403, 'forbidden');
      expectProblem(await as(agent, { method: 'POST', url: '/api/keys', payload: { name: 'mine', role: 'AGENT' } }), 403, 'forbidden');
      expectProblem(await as(agent, { method: 'DELETE', url: '/api/keys/mine' }), 403, 'forbidden');
    });
  });

  describe('lead', () => {
    it('can do everything: create, update every field, annotate, manage keys', async () => {
      expect((await as(lead, { method: 'POST', url: '/api/cases', payload: { type: 'HELP', title: 'x', description: 'y' } })).statusCode).toBe(201);
      const patched = await as(lead, { method: 'PATCH', url: `/api/cases/${number}`, payload: { status: 'WAITING', priority: 'HIGH', assignee: 'lead-x', title: 'Renamed' } });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ status: 'WAITING', priority: 'HIGH', assignee: 'lead-x', title: 'Renamed' });
      expect((await as(lead, { method: 'POST', url: `/api/cases/${number}/notes`, payload: { body: 'ok', public: true } })).statusCode).toBe(201);
      expect((await as(lead, { method: 'GET', url: '/api/keys' })).statusCode).toBe(200);
    });
  });
});
