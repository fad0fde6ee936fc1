import type { APIUser } from 'discord-api-types/v10';
import { MessageStore } from '../../src/conversations/message-store';
import { Role } from '../../src/generated/prisma/enums';
import { JobQueue } from '../../src/queue/job-queue';
import { FakeDiscord } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { createTestApp, TestApp } from '../utils/test-app';
import { discordEnv } from '../utils/test-discord';
import { startTestTwilio, TestTwilio } from '../utils/test-twilio';

const MESSAGES = 'POST /v1/Conversations/{ConversationSid}/Messages';
const DISCORD_SEND = { method: 'POST', route: '/channels/{channel_id}/messages' };

/**
 * Sends that a crash can never duplicate, through the real discord.js and twilio-node against the
 * fakes: the delivery dies between "sent" and "recorded", or the whole process is stopped while
 * Discord is slow, and the retried job makes no second message.
 */
describe('crash-safe delivery: claim, send, record', () => {
  let twilio: TestTwilio;
  let discord: FakeDiscord;
  let app: TestApp;
  const env = () => ({ ...discordEnv(discord), ...twilio.env, QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '100', QUEUE_POLL_MS: '20', QUEUE_LEASE_MS: '1500' });

  beforeAll(async () => {
    twilio = await startTestTwilio();
    discord = await FakeDiscord.start();
    app = await createTestApp(env());
    twilio.connect(app);
    await discord.waitForCommands();
  });
  // Closing waits for the queue's shutdown grace and the gateway; on a loaded CI machine that took over 30 s.
  afterAll(async () => {
    await app.close();
    await discord.close();
    await twilio.stop();
  }, 90_000);

  afterEach(() => jest.restoreAllMocks());

  const dmsWith = (user: APIUser, text: string) => discord.dmMessages(user.id).filter((m) => m.author.id === discord.botUser.id && m.content.includes(text));
  const dmWith = (user: APIUser, text: string) => eventually(() => dmsWith(user, text)[0], 8000, `a DM with "${text}"`);

  async function transferToFlex(player: APIUser, current: TestApp = app): Promise<string> {
    discord.dispatchMessage({ user: player, content: 'I want to talk to a human' });
    await dmWith(player, 'Transferring you to a live agent');
    const chat = await eventually(() => current.prisma.conversation.findFirst({ where: { playerId: player.id, platformKey: { not: null } } }), 5000, 'the hand-off');
    return chat.platformKey!;
  }

  it('an agent message whose delivery dies after Discord took it is not sent again by the retry', async () => {
    const player = discord.user({ username: 'crash-agent' });
    const conversationSid = await transferToFlex(player);
    const record = jest.spyOn(app.app.get(MessageStore), 'markSent').mockRejectedValueOnce(new Error('worker killed before recording'));

    await twilio.fake.agentMessage(conversationSid, 'delivered before the crash');
    const job = await eventually(
      () => app.prisma.job.findFirst({ where: { kind: 'flex.webhook', status: 'DONE', payload: { path: ['body'], equals: 'delivered before the crash' } } }),
      8000,
      'the retried job',
    );
    record.mockRestore();

    expect(job.attempts).toBe(2);
    const sends = discord.requests.filter((r) => r.route === DISCORD_SEND.route && r.body?.content?.includes('delivered before the crash'));
    expect(sends).toHaveLength(2); // the retry did call Discord again ...
    expect(sends[1].body.nonce).toBe(sends[0].body.nonce);
    expect(sends[0].body.enforce_nonce).toBe(true);
    expect(dmsWith(player, 'delivered before the crash')).toHaveLength(1); // ... and got the first message back
    const row = await app.prisma.message.findFirstOrThrow({ where: { body: 'delivered before the crash' } });
    expect(row).toMatchObject({ deliveryStatus: 'SENT', playerMessageId: dmsWith(player, 'delivered before the crash')[0].id });
  });

  it('a player message whose relay dies after Twilio took it is not posted again by the retry', async () => {
    const player = discord.user({ username: 'crash-relay' });
    const conversationSid = await transferToFlex(player);
    const record = jest.spyOn(app.app.get(MessageStore), 'recordRelayed').mockRejectedValueOnce(new Error('worker killed before recording'));

    discord.dispatchMessage({ user: player, content: 'relayed before the crash' });
    const stored = await eventually(
      async () => {
        const row = await app.prisma.message.findFirst({ where: { body: 'relayed before the crash' } });
        // Stored rows start as not pending for a moment: wait for the recorded post itself.
        return row && !row.relayPending && row.platformMessageId ? row : null;
      },
      8000,
      'the relay to be recorded',
    );
    record.mockRestore();

    const posts = twilio.fake.calls(MESSAGES).filter((r) => r.params.Body === 'relayed before the crash' && r.status === 201);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(String(posts[0].params.Attributes))).toMatchObject({ bridgeMessageId: String(stored.id) });
    // The retry looked before posting, and recorded the message Twilio already had.
    expect(twilio.fake.calls('GET /v1/Conversations/{ConversationSid}/Messages').length).toBeGreaterThan(0);
    expect(stored.platformMessageId).toBe(twilio.fake.conversationOrThrow(conversationSid).messages.find((m) => m.body === 'relayed before the crash')!.sid);
  });

  it('the transcript shows each message to the player with its delivery status and the reason it failed', async () => {
    const player = discord.user({ username: 'closed-dms' });
    const conversationSid = await transferToFlex(player);
    discord.closeDms(player.id, { at: 'send' });
    await twilio.fake.agentMessage(conversationSid, 'can you read this?');
    await eventually(() => app.prisma.job.findFirst({ where: { kind: 'flex.webhook', status: 'DEAD', payload: { path: ['body'], equals: 'can you read this?' } } }), 8000, 'the dead job');

    const chat = await app.prisma.conversation.findFirstOrThrow({ where: { playerId: player.id }, include: { case: true } });
    const lead = await app.keyFor(Role.LEAD);
    const transcript = (await app.request({ method: 'GET', url: `/api/cases/${chat.case!.number}/transcript`, headers: lead })).json();
    const lines = transcript.messages as { authorKind: string; body: string; delivery: { status: string; reason: string | null } | null }[];
    expect(lines.find((l) => l.authorKind === 'PLAYER')!.delivery).toBeNull();
    expect(lines.find((l) => l.authorKind === 'SYSTEM')!.delivery).toEqual({ status: 'SENT', reason: null });
    expect(lines.find((l) => l.body === 'can you read this?')!.delivery).toEqual({ status: 'FAILED', reason: expect.stringMatching(/PlayerUnreachableError: .*50007/) });
    // The agent is told in Flex, once: the job was final on the first attempt.
    expect(twilio.fake.conversationOrThrow(conversationSid).messages.filter((m) => m.body?.startsWith('This message could not be delivered'))).toHaveLength(1);
  });

  it('a lead replying to a player who closed their DMs gets a 422 problem, and the reply is kept as FAILED', async () => {
    const player = discord.user({ username: 'closed-for-lead' });
    await transferToFlex(player);
    const chat = await app.prisma.conversation.findFirstOrThrow({ where: { playerId: player.id }, include: { case: true } });
    discord.closeDms(player.id, { code: 50278 });
    const agent = await app.keyFor(Role.AGENT, 'Lena');
    const response = await app.request({ method: 'POST', url: `/api/cases/${chat.case!.number}/messages`, headers: agent, payload: { body: 'hello?' } });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 422, code: 'player_unreachable' });
    expect(await app.prisma.message.findFirstOrThrow({ where: { body: 'hello?' } })).toMatchObject({ deliveryStatus: 'FAILED', deliveryError: expect.stringContaining('50278') });
    expect(await app.prisma.case.findUniqueOrThrow({ where: { number: chat.case!.number } })).toMatchObject({ status: 'IN_PROGRESS', assignee: 'Lena' });
  });

  it('SIGTERM while Discord is slower than the shutdown grace: after a restart every acknowledged agent message arrives exactly once', async () => {
    const player = discord.user({ username: 'sigterm' });
    const conversationSid = await transferToFlex(player);
    discord.setLatency(4000, DISCORD_SEND);
    const texts = ['slow one', 'slow two', 'slow three'];
    for (const text of texts) {
      const [delivery] = await twilio.fake.agentMessage(conversationSid, text);
      expect(delivery.status).toBe(200); // acknowledged: Twilio will not send it again
    }
    await eventually(async () => (await app.prisma.job.count({ where: { kind: 'flex.webhook', status: 'RUNNING' } })) > 0, 5000, 'a delivery in flight');

    await app.app.close(); // what SIGTERM runs (enableShutdownHooks): the worker waits its grace, then lets go
    const restarted = await createTestApp({ ...env(), DATABASE_URL: app.databaseUrl });
    twilio.connect(restarted);
    try {
      await restarted.app.get(JobQueue).drain(30_000);
      const jobs = await restarted.prisma.job.findMany({ where: { kind: 'flex.webhook', payload: { path: ['conversationSid'], equals: conversationSid } } });
      expect(jobs.map((j) => j.status)).toEqual(jobs.map(() => 'DONE'));
      expect(Math.max(...jobs.map((j) => j.attempts))).toBeGreaterThanOrEqual(2); // taken back from the stopped process
      for (const text of texts) expect(dmsWith(player, text)).toHaveLength(1);
    } finally {
      discord.clearLatency();
      await restarted.close();
      app = await createTestApp(env()); // for afterAll
    }
  });
});
