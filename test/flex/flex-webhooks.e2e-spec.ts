import { getExpectedTwilioSignature } from 'twilio';
import { HandOff } from '../../src/conversations/ports';
import { FlexAgentPlatform } from '../../src/flex/flex-agent.platform';
import { JobQueue } from '../../src/queue/job-queue';
import { createFlexTestApp, FlexTestApp } from './flex-test-app';

const PUBLIC_URL = 'https://bridge.example.test';

const chat = (discordUserId: string): HandOff => ({
  conversationId: '0d9e4c57-1f3b-4a55-8f0e-6f1f3c1b2a01',
  player: { id: discordUserId, displayName: 'Misty', channelId: '411111111111111111' },
  locale: 'en',
  caseNumber: 7,
  platformKey: null,
  platformRefs: {},
  transcript: [{ author: 'PLAYER', authorName: 'Misty', body: 'I lost my items', at: new Date() }],
});

describe('Flex webhooks: signature guard, persist-then-deliver, dedupe', () => {
  let app: FlexTestApp;
  let queue: JobQueue;
  let conversationSid: string;

  beforeAll(async () => {
    app = await createFlexTestApp({ env: { QUEUE_RETRY_BASE_MS: '40', QUEUE_RETRY_MAX_MS: '200' } });
    queue = app.app.get(JobQueue);
    const result = await app.app.get(FlexAgentPlatform).handOff(chat('311111111111111111'));
    conversationSid = result.platformKey!;
    await app.fake.settle();
    await queue.drain();
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(async () => {
    await queue.drain();
    app.events.reset();
  });

  const forward = (params: Record<string, string>) => ({
    AccountSid: app.fake.accountSid,
    ConversationSid: conversationSid,
    EventType: 'onMessageAdded',
    MessageSid: `IM${'a'.repeat(32)}`,
    Author: 'alice@example.com',
    Body: 'hello',
    Source: 'SDK',
    ...params,
  });

  it('refuses unsigned and mis-signed webhooks with a 403 problem, storing nothing', async () => {
    const before = await app.prisma.job.count();
    const url = `${PUBLIC_URL}/forward-to-discord`;

    const unsigned = await app.fake.send(url, forward({ MessageSid: `IM${'b'.repeat(32)}` }), { unsigned: true });
    const forged = await app.fake.send(url, forward({ MessageSid: `IM${'c'.repeat(32)}` }), { signWith: 'not-the-auth-token' });
    // Correctly signed, but for another URL: a signature captured elsewhere and replayed here.
    const replayed = forward({ MessageSid: `IM${'d'.repeat(32)}` });
    const otherUrl = await app.fake.send(url, replayed, {
      signature: getExpectedTwilioSignature(app.fake.authToken, 'https://elsewhere.example/forward-to-discord', replayed),
    });
    const botTurn = await app.fake.send(`${PUBLIC_URL}/chatbot-to-discord`, { ConversationSid: conversationSid, MessageSid: `IM${'e'.repeat(32)}`, Body: 'hi' }, { signWith: 'wrong' });

    const taskRouter = await app.fake.send(`${PUBLIC_URL}/twilio/taskrouter-events`, { EventType: 'task.completed', WorkspaceSid: app.fake.workspaceSid, TaskSid: `WT${'1'.repeat(32)}`, TaskAttributes: JSON.stringify({ conversationSid }) }, { unsigned: true });

    for (const response of [unsigned, forged, otherUrl, botTurn, taskRouter]) {
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ status: 403, code: 'invalid_twilio_signature' });
    }
    expect(await app.prisma.job.count()).toBe(before);
    await queue.drain();
    expect(app.events.calls).toEqual([]);
  });

  it('answers 200 with an empty body, and a webhook delivered twice reaches the core once', async () => {
    const [first] = await app.fake.agentMessage(conversationSid, 'Hi Misty, I am Alice from support');
    const second = await app.fake.redeliver(first);

    expect(first.status).toBe(200);
    expect(first.body).toBe('');
    expect(second.status).toBe(200);
    expect(second.params.RetryCount).toBe('1');
    await queue.drain();

    const jobs = await app.prisma.job.findMany({ where: { dedupeKey: `flex:message:${first.params.MessageSid}` } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0].status).toBe('DONE');
    expect(app.events.of('agentMessage')).toEqual([
      { platformKey: conversationSid, platformMessageId: first.params.MessageSid, authorName: 'alice', body: 'Hi Misty, I am Alice from support', media: [] },
    ]);
  });

  it('passes an agent’s image to the core as bytes downloaded from the media service', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');
    app.fake.requests.length = 0;

    await app.fake.agentMessage(conversationSid, 'Is this the screen?', { media: [{ filename: 'screen.png', contentType: 'image/png', data: png }] });
    await queue.drain();

    const [event] = app.events.of('agentMessage');
    expect(event.body).toBe('Is this the screen?');
    expect(event.media).toHaveLength(1);
    expect(event.media[0]).toMatchObject({ filename: 'screen.png', contentType: 'image/png' });
    expect(event.media[0].data.equals(png)).toBe(true);
    // onMessageAdded carries no ChatServiceSid: the service is read from the conversation.
    expect(app.fake.deliveries.at(-1)!.params.ChatServiceSid).toBeUndefined();
    expect(app.fake.requests.map((r) => `${r.host} ${r.route}`)).toEqual([
      'conversations.twilio.com GET /v1/Conversations/{Sid}',
      'mcs.us1.twilio.com GET /v1/Services/{ServiceSid}/Media/{Sid}',
      'media.us1.twilio.com GET /{Sid}',
    ]);
  });

  it('ignores our own messages (Source=API) and the player joining; an SDK join is a secondary agent-joined signal, a closed state closes', async () => {
    const url = `${PUBLIC_URL}/forward-to-discord`;
    const ours = await app.fake.send(url, forward({ MessageSid: `IM${'f'.repeat(32)}`, Source: 'API', Author: 'bot' }));
    const player = await app.fake.send(url, { ConversationSid: conversationSid, EventType: 'onParticipantAdded', ParticipantSid: `MB${'1'.repeat(32)}`, Identity: 'discord:311111111111111111' });
    expect([ours.status, player.status]).toEqual([200, 200]);

    await app.fake.sdkParticipantJoins(conversationSid, 'brock_40example_2Ecom', { friendly_name: 'Brock' });
    const closed = await app.fake.send(url, { ConversationSid: conversationSid, EventType: 'onConversationStateUpdated', StateFrom: 'active', StateTo: 'closed', Source: 'SDK' });
    expect(closed.status).toBe(200);
    await queue.drain();

    expect(app.events.calls).toEqual([
      { method: 'agentJoined', event: { platformKey: conversationSid, agentName: 'Brock', onlyIfNoAgent: true } },
      { method: 'platformClosed', event: { platformKey: conversationSid } },
    ]);
  });

  it('retries delivery when the core fails (e.g. Discord is down) and delivers once it recovers', async () => {
    app.events.failNext(2);

    const [delivery] = await app.fake.agentMessage(conversationSid, 'Are you still there?');
    expect(delivery.status).toBe(200); // Twilio is answered before delivery is attempted
    await queue.drain(15_000);

    const job = await app.prisma.job.findFirstOrThrow({ where: { dedupeKey: `flex:message:${delivery.params.MessageSid}` } });
    expect(job).toMatchObject({ status: 'DONE', attempts: 3 });
    expect(app.events.of('agentMessage').map((e) => e.body)).toEqual(['Are you still there?', 'Are you still there?', 'Are you still there?']);
  });

  it('POST /chatbot-to-discord (studio flow) asks the core for a bot turn, once per message', async () => {
    const params = { ConversationSid: conversationSid, MessageSid: `IM${'9'.repeat(32)}`, Body: 'how do I trade?' };
    const first = await app.fake.send(`${PUBLIC_URL}/chatbot-to-discord`, params);
    const again = await app.fake.send(`${PUBLIC_URL}/chatbot-to-discord`, params);
    const incomplete = await app.fake.send(`${PUBLIC_URL}/chatbot-to-discord`, { Body: 'no ids' });
    await queue.drain();

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(incomplete.status).toBe(400);
    expect(app.events.of('botTurn')).toEqual([{ platformKey: conversationSid, platformMessageId: params.MessageSid, body: 'how do I trade?' }]);
  });
});
