import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/** Creating, reading, changing and annotating cases through HTTP, with the history each change leaves. */
describe('cases: create, read, update, notes', () => {
  let t: TestApp;
  let lead: { authorization: string };
  let agent: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.keyFor(Role.LEAD, 'lead-alice');
    agent = await t.keyFor(Role.AGENT, 'agent-bob');
  });
  afterAll(() => t.close());

  const createCase = async (body: Record<string, unknown> = {}) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: lead,
      payload: { type: 'BUG', title: 'Crash on login', description: 'The game closes after the splash screen', ...body },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { number: number; status: string; closedAt: string | null };
  };
  const patch = (number: number | string, payload: unknown, headers = lead) =>
    t.request({ method: 'PATCH', url: `/api/cases/${number}`, headers, payload: payload as Record<string, unknown> });
  const events = async (number: number) =>
    (await t.request({ method: 'GET', url: `/api/cases/${number}`, headers: lead })).json().events as { type: string; actor: string; data: Record<string, unknown> }[];

  describe('POST /api/cases', () => {
    it('numbers cases #1, #2… and records a CREATED event with the key as actor', async () => {
      const first = await t.request({
        method: 'POST',
        url: '/api/cases',
        headers: lead,
        payload: {
          type: 'BUG',
          title: '  Crash on login  ',
          description: 'The game closes after the splash screen',
          priority: 'HIGH',
          reporterId: '123456789012345678',
          reporterName: 'Player One',
          guildId: '223456789012345678',
          channelId: '323456789012345678',
        },
      });
      expect(first.statusCode).toBe(201);
      expect(first.headers['content-type']).toMatch(/^application\/json/);
      expect(first.json()).toMatchObject({
        number: 1,
        type: 'BUG',
        status: 'OPEN',
        priority: 'HIGH',
        title: 'Crash on login',
        reporter: { id: '123456789012345678', name: 'Player One' },
        guildId: '223456789012345678',
        channelId: '323456789012345678',
        assignee: null,
        closedAt: null,
      });
      expect(first.json()).not.toHaveProperty('id');

      const second = await createCase({ type: 'FEATURE', title: 'Dark mode' });
      expect(second.number).toBe(2);
      expect(second).toMatchObject({ priority: 'NORMAL', reporter: { id: null, name: 'lead-alice' } });

      expect(await events(1)).toEqual([expect.objectContaining({ type: 'CREATED', actor: 'api:lead-alice', data: { type: 'BUG' } })]);
    });
  });

  describe('GET /api/cases/:number', () => {
    it('returns the case with its events, and accepts "#2"', async () => {
      const res = await t.request({ method: 'GET', url: '/api/cases/%232', headers: agent });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ number: 2, title: 'Dark mode', events: [{ type: 'CREATED', actor: 'api:lead-alice' }] });
    });

    it('answers 404 problem+json for a case that does not exist', async () => {
      const res = await t.request({ method: 'GET', url: '/api/cases/9999', headers: lead });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, code: 'not_found', detail: 'Case #9999 was not found', instance: '/api/cases/9999' });
    });

    it.each(['abc', '0', '-3', '1.5', '12345678901'])('answers 400 naming "number" for /api/cases/%s', async (raw) => {
      const res = await t.request({ method: 'GET', url: `/api/cases/${raw}`, headers: lead });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'number' }] });
    });
  });

  describe('PATCH /api/cases/:number', () => {
    it('walks the allowed life cycle, one STATUS_CHANGED event per step, setting and clearing closedAt', async () => {
      const { number } = await createCase();
      const steps: [string, boolean][] = [
        ['IN_PROGRESS', false],
        ['WAITING', false],
        ['IN_PROGRESS', false],
        ['RESOLVED', true],
        ['CLOSED', true],
        ['OPEN', false],
      ];
      let previous = 'OPEN';
      let closedAt: string | null = null;
      for (const [status, closed] of steps) {
        const res = await patch(number, { status }, agent);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.status).toBe(status);
        if (closed) {
          expect(body.closedAt).toEqual(expect.any(String));
          // RESOLVED → CLOSED keeps the moment the case was first closed.
          if (closedAt) expect(body.closedAt).toBe(closedAt);
          closedAt = body.closedAt;
        } else {
          expect(body.closedAt).toBeNull();
        }
        previous = status;
      }
      expect(previous).toBe('OPEN');
      const history = (await events(number)).filter((e) => e.type === 'STATUS_CHANGED');
      expect(history.map((e) => e.data)).toEqual([
        { from: 'OPEN', to: 'IN_PROGRESS' },
        { from: 'IN_PROGRESS', to: 'WAITING' },
        { from: 'WAITING', to: 'IN_PROGRESS' },
        { from: 'IN_PROGRESS', to: 'RESOLVED' },
        { from: 'RESOLVED', to: 'CLOSED' },
        { from: 'CLOSED', to: 'OPEN' },
      ]);
      expect(new Set(history.map((e) => e.actor))).toEqual(new Set(['api:agent-bob']));
    });

    it('refuses a forbidden transition with 409 invalid_status_transition and changes nothing', async () => {
      const { number } = await createCase();
      expect((await patch(number, { status: 'CLOSED' })).statusCode).toBe(200);
      const res = await patch(number, { status: 'RESOLVED' });
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 409, code: 'invalid_status_transition', type: 'about:blank#invalid_status_transition' });
      expect(res.json().detail).toContain(`#${number} cannot go from CLOSED to RESOLVED`);
      const after = await t.request({ method: 'GET', url: `/api/cases/${number}`, headers: lead });
      expect(after.json().status).toBe('CLOSED');
      expect(after.json().events.filter((e: { type: string }) => e.type === 'STATUS_CHANGED')).toHaveLength(1);
    });

    it('appends one event per changed field: priority, assignee, title', async () => {
      const { number } = await createCase({ title: 'Old title' });
      const res = await patch(number, { priority: 'URGENT', assignee: 'carol', title: '  New title ' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ priority: 'URGENT', assignee: 'carol', title: 'New title' });

      expect((await patch(number, { assignee: null })).json().assignee).toBeNull();
      // Setting a field to its current value is not a change.
      expect((await patch(number, { priority: 'URGENT' })).statusCode).toBe(200);

      const changes = (await events(number)).filter((e) => e.type !== 'CREATED');
      expect(changes).toEqual([
        expect.objectContaining({ type: 'PRIORITY_CHANGED', actor: 'api:lead-alice', data: { from: 'NORMAL', to: 'URGENT' } }),
        expect.objectContaining({ type: 'ASSIGNEE_CHANGED', actor: 'api:lead-alice', data: { from: null, to: 'carol' } }),
        expect.objectContaining({ type: 'TITLE_CHANGED', actor: 'api:lead-alice', data: { from: 'Old title', to: 'New title' } }),
        expect.objectContaining({ type: 'ASSIGNEE_CHANGED', actor: 'api:lead-alice', data: { from: 'carol', to: null } }),
      ]);
    });

    it('moves updatedAt forward on a change', async () => {
      const created = (await createCase()) as unknown as { number: number; updatedAt: string };
      const res = await patch(created.number, { priority: 'LOW' });
      expect(new Date(res.json().updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());
      expect(res.json().updatedAt).not.toBe(created.updatedAt);
    });

    it('rejects an empty body with 400', async () => {
      const res = await patch(1, {});
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body' }] });
    });

    it('rejects an unknown field with 400 naming it', async () => {
      const res = await patch(1, { status: 'IN_PROGRESS', colour: 'red' });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([{ field: 'colour', messages: [expect.stringContaining('colour')] }]);
      expect((await t.request({ method: 'GET', url: '/api/cases/1', headers: lead })).json().status).toBe('OPEN');
    });

    it('answers 404 for a missing case', async () => {
      const res = await patch(4242, { status: 'IN_PROGRESS' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    });
  });

  describe('POST /api/cases/:number/notes', () => {
    it('lets agents and leads add private and public notes, recorded with their actor', async () => {
      const { number } = await createCase();
      const privateNote = await t.request({ method: 'POST', url: `/api/cases/${number}/notes`, headers: agent, payload: { body: 'Reproduced on 1.2.3' } });
      expect(privateNote.statusCode).toBe(201);
      expect(privateNote.json()).toMatchObject({ type: 'NOTE', actor: 'api:agent-bob', data: { body: 'Reproduced on 1.2.3', public: false } });

      const publicNote = await t.request({ method: 'POST', url: `/api/cases/${number}/notes`, headers: lead, payload: { body: 'Fixed in the next patch', public: true } });
      expect(publicNote.statusCode).toBe(201);
      expect(publicNote.json()).toMatchObject({ type: 'NOTE', actor: 'api:lead-alice', data: { body: 'Fixed in the next patch', public: true } });

      expect((await events(number)).filter((e) => e.type === 'NOTE').map((e) => [e.actor, e.data])).toEqual([
        ['api:agent-bob', { body: 'Reproduced on 1.2.3', public: false }],
        ['api:lead-alice', { body: 'Fixed in the next patch', public: true }],
      ]);
    });

    it('validates the note: missing body, blank body, non-boolean public, 404 case', async () => {
      const url = '/api/cases/1/notes';
      for (const payload of [{}, { body: '   ' }, { body: 'x', public: 'yes' }, { body: 'x'.repeat(4001) }]) {
        const res = await t.request({ method: 'POST', url, headers: agent, payload });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('validation_failed');
      }
      const missing = await t.request({ method: 'POST', url: '/api/cases/777/notes', headers: agent, payload: { body: 'hello' } });
      expect(missing.statusCode).toBe(404);
    });
  });
});
