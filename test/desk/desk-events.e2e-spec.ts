import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createTestApp, TestApp } from '../utils/test-app';
import { SseClient } from './sse-client';

/** GET /api/events: case changes and help-chat events as Server-Sent Events, replayed after Last-Event-ID. */
describe('live updates (GET /api/events)', () => {
  let t: TestApp;
  let base: string;
  let lead: { authorization: string };
  const streams: SseClient[] = [];
  const open = async (headers: Record<string, string>) => {
    const stream = await SseClient.open(`${base}/api/events`, headers);
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    t = await createTestApp({ EVENTS_HEARTBEAT_SECONDS: '1' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
    lead = await t.keyFor(Role.LEAD);
  });
  afterEach(() => streams.splice(0).forEach((s) => s.close()));
  afterAll(() => t.close());

  const createCase = async (title: string) => {
    const response = await t.request({ method: 'POST', url: '/api/cases', headers: lead, payload: { type: 'BUG', title, description: 'd', reporterName: 'Ana' } });
    return response.json().number as number;
  };

  it('needs a key or a session', async () => {
    const response = await fetch(`${base}/api/events`);
    expect(response.status).toBe(401);
  });

  it('streams case changes, sends heartbeats, and replays what a reconnecting client missed', async () => {
    const stream = await open(lead);
    const first = await createCase('First');
    const seen = await eventually(() => stream.events('case.changed').find((m) => m.data.caseNumber === first), 10_000, 'the case.changed event');
    expect(seen.data).toMatchObject({ type: 'CREATED', caseNumber: first });
    await eventually(() => stream.messages.some((m) => m.comment?.startsWith('heartbeat')), 5000, 'a heartbeat');
    stream.close();

    // While nobody listens: a status change and a note.
    await t.request({ method: 'PATCH', url: `/api/cases/${first}`, headers: lead, payload: { status: 'IN_PROGRESS' } });
    await t.request({ method: 'POST', url: `/api/cases/${first}/notes`, headers: lead, payload: { body: 'looking', public: false } });

    const again = await open({ ...lead, 'last-event-id': seen.id! });
    const missed = await eventually(() => {
      const events = again.events('case.changed').filter((m) => m.data.caseNumber === first);
      return events.length >= 2 ? events : null;
    }, 10_000, 'the replayed events');
    expect(missed.map((m) => m.data.type)).toEqual(['STATUS_CHANGED', 'NOTE']);
    expect(missed.every((m) => BigInt(m.id!) > BigInt(seen.id!))).toBe(true);
  });

  it('announces a chat that starts waiting for a person, then its claim, and rejects bad claims', async () => {
    const stream = await open(lead);
    const number = await createCase('Help chat with Kim');
    const caseRow = await t.prisma.case.findUniqueOrThrow({ where: { number } });
    const chat = await t.prisma.conversation.create({ data: { playerId: '123456789012345678', playerName: 'Kim', playerChannelId: '223456789012345678', locale: 'de' } });
    const agent = await t.keyFor(Role.AGENT);
    const early = await t.request({ method: 'POST', url: `/api/conversations/${chat.id}/claim`, headers: agent });
    expect([early.statusCode, early.json().code]).toEqual([409, 'no_agent_requested']);
    await t.prisma.message.create({ data: { conversationId: chat.id, direction: 'INBOUND', authorKind: 'PLAYER', authorName: 'Kim', body: 'Ich brauche Hilfe' } });
    await t.prisma.conversation.update({ where: { id: chat.id }, data: { mode: 'AGENT_REQUESTED', caseId: caseRow.id } });
    const waiting = await eventually(() => stream.events('chat.waiting').find((m) => m.data.conversationId === chat.id), 10_000, 'chat.waiting');
    expect(waiting.data).toMatchObject({ caseNumber: number, playerName: 'Kim', locale: 'de', mode: 'AGENT_REQUESTED' });
    const message = stream.events('chat.message').find((m) => m.data.conversationId === chat.id)!;
    expect(message.data).toMatchObject({ authorKind: 'PLAYER', body: 'Ich brauche Hilfe' });

    const viewer = await t.keyFor(Role.VIEWER);
    expect((await t.request({ method: 'POST', url: `/api/conversations/${chat.id}/claim`, headers: viewer })).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/conversations/00000000-0000-0000-0000-000000000000/claim', headers: agent })).statusCode).toBe(404);
    await t.prisma.conversation.update({ where: { id: chat.id }, data: { mode: 'CLOSED' } });
    const changed = await eventually(() => stream.events('chat.changed').find((m) => m.data.conversationId === chat.id), 10_000, 'chat.changed');
    expect(changed.data.mode).toBe('CLOSED');
    expect((await t.request({ method: 'POST', url: `/api/conversations/${chat.id}/claim`, headers: agent })).json().code).toBe('conversation_closed');
  });

  it('works with the desk session cookie and ends the stream when the session ends', async () => {
    const { authorization } = await t.keyFor(Role.VIEWER);
    const signIn = await t.request({ method: 'POST', url: '/api/session', payload: { key: authorization.replace('Bearer ', '') } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const stream = await open({ cookie });
    const number = await createCase('Seen through the cookie');
    await eventually(() => stream.events('case.changed').some((m) => m.data.caseNumber === number), 10_000, 'the event');
    await t.request({ method: 'DELETE', url: '/api/session', headers: { cookie } });
    await eventually(() => stream.ended && stream.events('session.ended').length === 1, 5000, 'the stream to end');
  });
});
