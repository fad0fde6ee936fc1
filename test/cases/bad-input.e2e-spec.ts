import type { InjectOptions } from 'fastify';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

const BODY_LIMIT = 8192;

/** Whatever a caller sends, the answer is a 4xx problem+json with a stable code, never a 500. */
describe('bad input', () => {
  let t: TestApp;
  let lead: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ BODY_LIMIT_BYTES: String(BODY_LIMIT) });
    lead = await t.keyFor(Role.LEAD);
    await t.request({ method: 'POST', url: '/api/cases', headers: lead, payload: { type: 'BUG', title: 'Target', description: 'For PATCH and notes' } });
  });
  afterAll(() => t.close());

  const send = (options: InjectOptions) => t.request({ ...options, headers: { ...lead, ...options.headers } });
  const json = (method: InjectOptions['method'], url: string, raw: string) =>
    send({ method, url, headers: { 'content-type': 'application/json' }, payload: raw });
  const expectProblem = (res: Awaited<ReturnType<TestApp['request']>>, status: number, code: string) => {
    expect({ status: res.statusCode, body: res.json() }).toMatchObject({ status, body: { status, code } });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };
  const fieldsOf = (res: Awaited<ReturnType<TestApp['request']>>) =>
    [...new Set((res.json().errors as { field: string }[]).map((e) => e.field))].sort();
  const validCase = { type: 'BUG', title: 'A title', description: 'A description' };

  it.each([
    ['truncated JSON', '{"type": "BUG", '],
    ['a trailing comma', '{"type": "BUG",}'],
    ['single quotes', "{'type': 'BUG'}"],
    ['an empty body', ''],
    ['a prototype-pollution key', '{"type":"BUG","title":"a","description":"b","__proto__":{"admin":true}}'],
  ])('answers 400 invalid_json to %s', async (_, raw) => {
    expectProblem(await json('POST', '/api/cases', raw), 400, 'invalid_json');
    expectProblem(await json('PATCH', '/api/cases/1', raw), 400, 'invalid_json');
  });

  it.each(['[1, 2]', 'null', '"a string"', '42'])('answers 400 to a body that is JSON but not an object: %s', async (raw) => {
    const res = await json('POST', '/api/cases', raw);
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual(['body']);
  });

  it('answers 400 to a POST with no body at all', async () => {
    const res = await send({ method: 'POST', url: '/api/cases' });
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual(['body']);
  });

  it.each([
    ['text/plain', 'type=BUG'],
    ['application/x-www-form-urlencoded', 'type=BUG&title=a&description=b'],
    ['application/xml', '<case type="BUG"/>'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nBUG\r\n--x--'],
  ])('answers 415 to a %s body', async (type, payload) => {
    const res = await send({ method: 'POST', url: '/api/cases', headers: { 'content-type': type }, payload });
    expectProblem(res, 415, 'unsupported_media_type');
    expect(await t.prisma.case.count()).toBe(1);
  });

  it('accepts application/json with a charset', async () => {
    const res = await send({ method: 'POST', url: '/api/cases', headers: { 'content-type': 'application/json; charset=utf-8' }, payload: JSON.stringify(validCase) });
    expect(res.statusCode).toBe(201);
  });

  it('answers 413 payload_too_large to a body over BODY_LIMIT_BYTES', async () => {
    const payload = JSON.stringify({ ...validCase, description: 'x'.repeat(BODY_LIMIT) });
    expectProblem(await json('POST', '/api/cases', payload), 413, 'payload_too_large');
    expectProblem(await json('POST', '/api/cases/1/notes', JSON.stringify({ body: 'y'.repeat(BODY_LIMIT) })), 413, 'payload_too_large');
  });

  it('lists every unknown field, on create, update and notes', async () => {
    const created = await send({ method: 'POST', url: '/api/cases', payload: { ...validCase, status: 'CLOSED', id: 'x', number: 7 } });
    expectProblem(created, 400, 'validation_failed');
    expect(fieldsOf(created)).toEqual(['id', 'number', 'status']);
    const patched = await send({ method: 'PATCH', url: '/api/cases/1', payload: { description: 'new', reporterId: '123456789012345678' } });
    expect(fieldsOf(patched)).toEqual(['description', 'reporterId']);
    const note = await send({ method: 'POST', url: '/api/cases/1/notes', payload: { body: 'ok', author: 'me' } });
    expect(fieldsOf(note)).toEqual(['author']);
  });

  it('names each missing or invalid field of a new case', async () => {
    const res = await send({ method: 'POST', url: '/api/cases', payload: { type: 'bug', title: '', priority: 'CRITICAL', reporterId: '42', guildId: 'abc', channelId: 123 } });
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual(['channelId', 'description', 'guildId', 'priority', 'reporterId', 'title', 'type']);
    expect(res.json().detail).toContain('type must be one of the following values: BUG, FEATURE, HELP');
  });

  it.each([
    ['title', { ...validCase, title: 'x'.repeat(201) }],
    ['description', { ...validCase, description: 'x'.repeat(4001) }],
    ['reporterName', { ...validCase, reporterName: 'x'.repeat(101) }],
    ['assignee', { ...validCase, assignee: 'x'.repeat(101) }],
    ['title', { ...validCase, title: '     ' }],
  ])('refuses an overlong or blank %s', async (field, payload) => {
    const res = await send({ method: 'POST', url: '/api/cases', payload });
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual([field]);
  });

  it('refuses wrong enum values and types on update, naming each field', async () => {
    const res = await send({ method: 'PATCH', url: '/api/cases/1', payload: { status: 'DONE', priority: 3, title: 'x'.repeat(201), assignee: ['a'] } });
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual(['assignee', 'priority', 'status', 'title']);
  });

  it('refuses NUL characters in a body instead of failing in Postgres', async () => {
    const res = await send({ method: 'POST', url: '/api/cases', payload: { ...validCase, title: 'a\u0000b' } });
    expectProblem(res, 400, 'validation_failed');
    expect(fieldsOf(res)).toEqual(['title']);
  });

  it('answers 404 problem+json for unknown routes and methods, and 400 for a malformed URL', async () => {
    expectProblem(await send({ method: 'GET', url: '/api/nothing-here' }), 404, 'not_found');
    expectProblem(await send({ method: 'DELETE', url: '/api/cases/1' }), 404, 'not_found');
    expectProblem(await send({ method: 'GET', url: '/api/cases/%E0%A4%A' }), 400, 'invalid_url');
  });

  it('nothing above created a case or an event beyond the two valid requests', async () => {
    expect(await t.prisma.case.count()).toBe(2);
    expect(await t.prisma.caseEvent.count()).toBe(2);
  });
});
