import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/** /api/snippets: agents read, leads change; bad input is a 4xx naming the field. */
describe('snippets REST API', () => {
  let t: TestApp;
  let lead: { authorization: string };
  let agent: { authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    lead = await t.keyFor(Role.LEAD, 'Morgan');
    agent = await t.keyFor(Role.AGENT);
  });
  afterAll(() => t.close());

  it('a lead creates, edits and removes a snippet; an agent reads it', async () => {
    const created = await t.request({ method: 'POST', url: '/api/snippets', headers: lead, payload: { name: 'reset-password', texts: { en: 'Use "Forgot password" on the login screen.' } } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'reset-password', texts: { en: 'Use "Forgot password" on the login screen.' }, updatedBy: 'api:Morgan' });

    const edited = await t.request({ method: 'PATCH', url: '/api/snippets/reset-password', headers: lead, payload: { texts: { de: 'Nutze „Passwort vergessen“.' } } });
    expect(edited.statusCode).toBe(200);
    expect(Object.keys(edited.json().texts).sort()).toEqual(['de', 'en']);

    const read = await t.request({ method: 'GET', url: '/api/snippets/reset-password', headers: agent });
    expect(read.json().texts.de).toBe('Nutze „Passwort vergessen“.');
    expect((await t.request({ method: 'GET', url: '/api/snippets', headers: agent })).json().map((s: { name: string }) => s.name)).toContain('reset-password');

    expect((await t.request({ method: 'DELETE', url: '/api/snippets/reset-password', headers: lead })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/snippets/reset-password', headers: agent })).statusCode).toBe(404);
  });

  it('an agent may not change snippets; a viewer may not read them', async () => {
    const viewer = await t.keyFor(Role.VIEWER);
    expect((await t.request({ method: 'POST', url: '/api/snippets', headers: agent, payload: { name: 'x', texts: { en: 'y' } } })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/snippets', headers: viewer })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/snippets' })).statusCode).toBe(401);
  });

  it('names the bad field: a missing English text, an unknown language, a bad name, a duplicate', async () => {
    const post = (payload: unknown) => t.request({ method: 'POST', url: '/api/snippets', headers: lead, payload: payload as object });
    const noEnglish = await post({ name: 'greet', texts: { fr: 'Bonjour' } });
    expect(noEnglish.statusCode).toBe(400);
    expect(JSON.stringify(noEnglish.json())).toContain('texts.en');
    const unknown = await post({ name: 'greet', texts: { en: 'Hi', xx: 'Hi' } });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json())).toContain('xx');
    const badName = await post({ name: 'Bad Name!', texts: { en: 'Hi' } });
    expect(badName.statusCode).toBe(400);
    expect(JSON.stringify(badName.json())).toContain('name');
    expect((await post({ name: 'greet', texts: { en: 'Hi' } })).statusCode).toBe(201);
    const duplicate = await post({ name: 'greet', texts: { en: 'Hello' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('snippet_exists');
    expect((await t.request({ method: 'PATCH', url: '/api/snippets/nope', headers: lead, payload: { texts: { en: 'x' } } })).statusCode).toBe(404);
  });
});
