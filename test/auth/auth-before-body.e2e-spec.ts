import type { AddressInfo } from 'node:net';
import { connect, Socket } from 'node:net';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * Authentication runs in Fastify's onRequest hook, before any body is read (src/auth/authentication-hook.ts):
 * a caller without a valid key is refused whatever they send, and without the service waiting for it.
 */
describe('authentication before the body', () => {
  let t: TestApp;
  let port: number;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await t.close();
  });

  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };

  it('answers 401, not 400, 413 or 415, to a bad body without a key', async () => {
    const post = (payload: string, type = 'application/json', headers: Record<string, string> = {}) =>
      t.request({ method: 'POST', url: '/api/cases', headers: { 'content-type': type, ...headers }, payload });
    problem(await post('{"type": "BUG", '), 401);
    problem(await post('x'.repeat(t.config.BODY_LIMIT_BYTES + 10)), 401);
    problem(await post('type=BUG', 'application/x-www-form-urlencoded'), 401);
    problem(await post('{"type": "BUG", ', 'application/json', { authorization: 'Bearer not-a-key' }), 401);
    // With a key, the same bodies reach the parser and are refused for what they are.
    const lead = await t.keyFor(Role.LEAD);
    expect((await post('{"type": "BUG", ', 'application/json', lead)).statusCode).toBe(400);
    expect((await post('x'.repeat(t.config.BODY_LIMIT_BYTES + 10), 'application/json', lead)).statusCode).toBe(413);
    expect((await post('type=BUG', 'application/x-www-form-urlencoded', lead)).statusCode).toBe(415);
  });

  /**
   * Sends a request's head and the start of a body announced as 5 MB, and never the rest; resolves
   * with the answer's head. A service that read the body first would never answer: the wait fails.
   */
  function unfinishedPost(headers: Record<string, string>): Promise<{ head: string }> {
    const start = '{"type": "BUG", "title": "';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer while the body was unfinished')), 10_000);
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      let received = '';
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        clearTimeout(timer);
        resolve({ head: received.slice(0, end) });
      });
      const lines = ['POST /api/cases HTTP/1.1', 'host: 127.0.0.1', 'content-type: application/json', 'content-length: 5000000', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
      socket.write(`${lines.join('\r\n')}\r\n\r\n${start}`);
      // The rest of the body never comes: only an answer given before parsing can arrive.
    });
  }

  it('refuses on a real socket while the body is still being sent', async () => {
    const anonymous = await unfinishedPost({});
    expect(anonymous.head).toMatch(/^HTTP\/1\.1 401 /);
    expect(anonymous.head).toMatch(/content-type: application\/problem\+json/i);

    const unknown = await unfinishedPost({ authorization: 'Bearer bk_unknown-key' });
    expect(unknown.head).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('a desk session write without its CSRF token is refused before the body too', async () => {
    const lead = await t.keyFor(Role.LEAD);
    const secret = lead.authorization.slice('Bearer '.length);
    const signIn = await t.request({ method: 'POST', url: '/api/session', payload: { key: secret } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const refused = await unfinishedPost({ cookie });
    expect(refused.head).toMatch(/^HTTP\/1\.1 403 /);
    // With the token, the same session's write goes through (CSRF checked in the hook, on headers only).
    const payload = { type: 'BUG', title: 'Crash after patch', description: 'It crashes', reporterName: 'Ana' };
    const accepted = await t.request({ method: 'POST', url: '/api/cases', headers: { cookie, 'x-csrf-token': signIn.json().csrfToken }, payload });
    expect(accepted.statusCode).toBe(201);
  });

  it('public routes are not authenticated in the hook', async () => {
    expect((await t.request({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/session/providers' })).statusCode).toBe(200);
  });
});
