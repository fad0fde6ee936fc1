import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { Role } from '../../src/generated/prisma/enums';
import { JobQueue } from '../../src/queue/job-queue';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';
import { startTestTwilio, TEST_PUBLIC_URL, TestTwilio } from '../utils/test-twilio';

const MESSAGES = 'POST /v1/Conversations/{ConversationSid}/Messages';

/**
 * The blog post's whole story, through the real discord.js/Necord and twilio-node code, with
 * local fakes of Discord and Twilio: /helpme → bot → live agent → Flex → agent → player → close.
 */
describe('seed story: Discord ↔ Twilio Flex (direct routing)', () => {
  let twilio: TestTwilio;
  let app: DiscordTestApp;

  beforeAll(async () => {
    twilio = await startTestTwilio();
    app = await createDiscordTestApp({ ...twilio.env, QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '200', QUEUE_POLL_MS: '20' });
    twilio.connect(app);
  });
  afterAll(async () => {
    await app.close();
    await twilio.stop();
  });

  const botDms = (user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);
  const dmWith = (user: APIUser, text: string) =>
    eventually(() => botDms(user).find((m) => m.content.includes(text)), 5000, `a DM with "${text}"`) as Promise<APIMessage>;
  const platformSidOf = async (user: APIUser) =>
    (await eventually(() => app.prisma.conversation.findFirst({ where: { playerId: user.id, platformKey: { not: null } } }), 5000, 'the Twilio conversation'))
      .platformKey!;

  async function transferToFlex(player: APIUser): Promise<{ conversationSid: string; caseNumber: number }> {
    const interaction = app.discord.dispatchInteraction(app.discord.slashCommand({ name: 'helpme', user: player, locale: 'en-US' }));
    await app.discord.waitForReply(interaction);
    app.discord.dispatchMessage({ user: player, content: 'I never got the gems I bought yesterday' });
    await dmWith(player, 'Here is what I found');
    app.discord.dispatchMessage({ user: player, content: 'can I talk to a live agent please' });
    const transfer = await dmWith(player, 'Transferring you to a live agent');
    const caseNumber = Number(/#(\d+)/.exec(transfer.content)![1]);
    return { conversationSid: await platformSidOf(player), caseNumber };
  }

  it('plays the whole story', async () => {
    const player = app.discord.user({ username: 'sam', globalName: 'Sam' });
    const { conversationSid, caseNumber } = await transferToFlex(player);

    // Flex got the chat: conversation, the player as participant, our webhook, the bot transcript, an interaction.
    const conversation = twilio.fake.conversationOrThrow(conversationSid);
    expect(conversation.participants.map((p) => p.identity)).toContain(`discord:${player.id}`);
    expect(conversation.webhooks.some((w) => w.target === 'webhook' && w.url === `${TEST_PUBLIC_URL}/forward-to-discord`)).toBe(true);
    const transcript = conversation.messages.map((m) => m.body).join('\n');
    expect(transcript).toContain('I never got the gems I bought yesterday');
    expect(transcript).toContain('Here is what I found');
    const interaction = [...twilio.fake.interactions.values()].find((i) => JSON.stringify(i).includes(conversationSid))!;
    expect(JSON.stringify(interaction)).toContain(`"caseNumber":${caseNumber}`);
    expect(await app.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } })).toMatchObject({ type: 'HELP', reporterId: player.id });

    // The agent accepts the task: TaskRouter's reservation.accepted tells the player (Flex adds the
    // agent through its backend, so no participant webhook comes); the case is in progress with the agent.
    await twilio.fake.acceptTask(conversationSid, { name: 'alice@example.com', attributes: { full_name: 'Alice' } });
    await dmWith(player, 'Alice from the support team has joined');
    await eventually(async () => (await app.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } })).status === 'IN_PROGRESS', 5000, 'IN_PROGRESS');
    expect((await app.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } })).assignee).toBe('Alice');

    // The agent writes from Flex: the player reads it in the DM.
    await twilio.fake.agentMessage(conversationSid, 'Hi Sam, I can see the purchase. Crediting your gems now.');
    await dmWith(player, 'Crediting your gems now');

    // The player answers: the message reaches the Twilio conversation as the player.
    app.discord.dispatchMessage({ user: player, content: 'thank you so much!' });
    const relayed = await eventually(() => twilio.fake.calls(MESSAGES).find((r) => r.params.Body === 'thank you so much!'), 5000, 'the relayed reply');
    expect(relayed.params.Author).toBe(`discord:${player.id}`);
    expect(JSON.parse(String(relayed.params.Attributes))).toMatchObject({ discordUserId: player.id });

    // The agent ends the chat in Flex (wrap-up, no conversation webhook): the player is told, and a new DM goes back to the bot.
    await twilio.fake.wrapUp(conversationSid);
    await dmWith(player, 'This chat has been closed');
    expect(await app.prisma.conversation.findFirst({ where: { platformKey: conversationSid } })).toMatchObject({ mode: 'CLOSED' });
    await twilio.fake.completeTask(conversationSid);
    app.discord.dispatchMessage({ user: player, content: 'how do I change my username' });
    await eventually(() => botDms(player).filter((m) => m.content.includes('Here is what I found')).length === 2 || undefined, 5000, 'the bot answering again');
    expect(botDms(player).filter((m) => m.content.includes('This chat has been closed'))).toHaveLength(1);
  });

  it('the same webhook delivered twice gives one DM', async () => {
    const player = app.discord.user({ username: 'twice' });
    const { conversationSid } = await transferToFlex(player);
    const [delivery] = await twilio.fake.agentMessage(conversationSid, 'only once please');
    await twilio.fake.redeliver(delivery);
    await app.app.get(JobQueue).drain();
    await dmWith(player, 'only once please');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(botDms(player).filter((m) => m.content.includes('only once please'))).toHaveLength(1);
  });

  it('an unsigned or mis-signed webhook gets 403 and nothing reaches the player', async () => {
    const player = app.discord.user({ username: 'forged' });
    const { conversationSid } = await transferToFlex(player);
    const before = botDms(player).length;
    const params = { EventType: 'onMessageAdded', ConversationSid: conversationSid, MessageSid: `IM${'f'.repeat(32)}`, Body: 'forged', Author: 'mallory', Source: 'SDK' };
    expect((await twilio.fake.send(`${TEST_PUBLIC_URL}/forward-to-discord`, params, { unsigned: true })).status).toBe(403);
    expect((await twilio.fake.send(`${TEST_PUBLIC_URL}/forward-to-discord`, params, { signWith: 'not-the-auth-token-at-all' })).status).toBe(403);
    await app.app.get(JobQueue).drain();
    expect(botDms(player)).toHaveLength(before);
    expect(await app.prisma.message.count({ where: { body: 'forged' } })).toBe(0);
  });

  it('Discord failing with 500 then recovering still delivers the agent message once', async () => {
    const player = app.discord.user({ username: 'outage' });
    const { conversationSid } = await transferToFlex(player);
    // More failures than discord.js retries on its own: our queue has to retry.
    app.discord.failNext({ method: 'POST', route: '/channels/{channel_id}/messages' }, { status: 500, times: 6 });
    await twilio.fake.agentMessage(conversationSid, 'sent during an outage');
    await dmWith(player, 'sent during an outage');
    const job = await eventually(
      () => app.prisma.job.findFirst({ where: { kind: 'flex.webhook', status: 'DONE', payload: { path: ['body'], equals: 'sent during an outage' } } }),
      5000,
      'the webhook job to be done',
    );
    expect(job.attempts).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(botDms(player).filter((m) => m.content.includes('sent during an outage'))).toHaveLength(1);
  });

  it('Twilio failing keeps the player message and relays it once Twilio is back', async () => {
    const player = app.discord.user({ username: 'twiliodown' });
    await transferToFlex(player);
    twilio.fake.fail(MESSAGES, 503, 3);
    app.discord.dispatchMessage({ user: player, content: 'are you still there?' });
    await eventually(() => twilio.fake.calls(MESSAGES).find((r) => r.params.Body === 'are you still there?' && r.status === 201), 8000, 'the relayed message');
    expect(twilio.fake.calls(MESSAGES).filter((r) => r.params.Body === 'are you still there?' && r.status === 201)).toHaveLength(1);
    await eventually(async () => (await app.prisma.message.findFirst({ where: { body: 'are you still there?' } }))?.relayPending === false, 5000, 'the relay to be recorded');
  });

  it('images travel both ways as real files, never as links', async () => {
    const player = app.discord.user({ username: 'pictures' });
    const { conversationSid } = await transferToFlex(player);
    const screenshot = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('player screenshot bytes')]);
    const attachment = app.discord.addAttachment({ filename: 'lobby.png', contentType: 'image/png', data: screenshot });
    app.discord.dispatchMessage({ user: player, content: 'see my screenshot', attachments: [attachment] });

    const upload = await eventually(() => twilio.fake.calls('POST /v1/Services/{ServiceSid}/Media')[0], 5000, 'the media upload');
    expect(upload.body.equals(screenshot)).toBe(true);
    const message = await eventually(() => twilio.fake.calls(MESSAGES).find((r) => r.params.Body === 'see my screenshot'), 5000, 'the message with the media');
    expect(String(message.params.MediaSid)).toMatch(/^ME/);
    expect(JSON.stringify(message.params)).not.toContain(attachment.url);

    const fix = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('agent annotated image')]);
    await twilio.fake.agentMessage(conversationSid, 'here is where to tap', { media: [{ filename: 'where.png', contentType: 'image/png', data: fix }] });
    await dmWith(player, 'here is where to tap');
    const sent = app.discord.requests.find((r) => r.route === '/channels/{channel_id}/messages' && r.files.length > 0 && r.body?.content?.includes('here is where to tap'))!;
    expect(sent.files[0].name).toBe('where.png');
    expect(sent.files[0].data.equals(fix)).toBe(true);
  });

  it('leads see the transcript of a Flex chat, bot turns included', async () => {
    const lead = await app.keyFor(Role.LEAD);
    const player = app.discord.user({ username: 'transcript' });
    const { conversationSid, caseNumber } = await transferToFlex(player);
    await twilio.fake.agentMessage(conversationSid, 'agent line for the transcript');
    await dmWith(player, 'agent line for the transcript');
    const response = await app.request({ method: 'GET', url: `/api/cases/${caseNumber}/transcript`, headers: lead });
    const lines = response.json().messages as { authorKind: string; body: string }[];
    expect(lines.map((l) => l.authorKind)).toEqual(expect.arrayContaining(['PLAYER', 'BOT', 'SYSTEM', 'AGENT']));
    expect(lines.find((l) => l.authorKind === 'AGENT')!.body).toBe('agent line for the transcript');
  });
});
