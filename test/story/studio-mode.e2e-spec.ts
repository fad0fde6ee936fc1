import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';
import { startTestTwilio, TEST_PUBLIC_URL, TestTwilio } from '../utils/test-twilio';

const MESSAGES = 'POST /v1/Conversations/{ConversationSid}/Messages';

// One Discord app per test file: Necord binds its listeners once per process-wide class, so a
// second app in the same file would have its DMs handled by the first (closed) one.
describe('seed story: ROUTING_MODE=studio answers through /chatbot-to-discord', () => {
  let twilio: TestTwilio;
  let app: DiscordTestApp;

  beforeAll(async () => {
    twilio = await startTestTwilio({ mode: 'studio' });
    app = await createDiscordTestApp({ ...twilio.env, QUEUE_POLL_MS: '20' });
    twilio.connect(app);
  });
  afterAll(async () => {
    await app.close();
    await twilio.stop();
  });

  it('every DM goes to the flow; the bot turn it asks for reaches the DM and is mirrored into the conversation', async () => {
    const player = app.discord.user({ username: 'studio' });
    app.discord.dispatchMessage({ user: player, content: 'how do I redeem a promo code' });
    const trigger = await eventually(() => twilio.fake.studioTriggers.find((t) => t.body === 'how do I redeem a promo code'), 5000, 'the Studio trigger');

    // The flow's make-http-request widget, as Twilio sends it: signed, to /chatbot-to-discord.
    const response = await twilio.fake.send(`${TEST_PUBLIC_URL}/chatbot-to-discord`, { ConversationSid: trigger.conversationSid, MessageSid: trigger.messageSid, Body: trigger.body! });
    expect(response.status).toBe(200);
    const answer = await eventually(
      () => app.discord.dmMessages(player.id).find((m) => m.author.id === app.discord.botUser.id && m.content.includes('Here is what I found')),
      5000,
      'the bot answer',
    );
    expect(JSON.stringify(answer.embeds)).toContain('/kb/en/');
    const mirrored = await eventually(
      () => twilio.fake.calls(MESSAGES).find((r) => r.params.Author === 'bot' && String(r.params.Body).includes('Here is what I found')),
      5000,
      'the mirrored bot turn',
    );
    expect(mirrored.path).toContain(trigger.conversationSid);
  });

  it('hand-off: the flow sends the chat to Flex once, the Studio webhook goes, the agent joins via TaskRouter, a lead close completes the task', async () => {
    const player = app.discord.user({ username: 'studioagent' });
    app.discord.dispatchMessage({ user: player, content: 'can I talk to a live agent please' });
    const handoff = await eventually(() => twilio.fake.studioTriggers.find((t) => t.body?.startsWith('The player asked for a live agent')), 5000, 'the hand-off turn');
    const conversationSid = handoff.conversationSid;
    await eventually(() => (twilio.fake.conversationOrThrow(conversationSid).webhooks.every((w) => w.target !== 'studio') ? true : undefined), 5000, 'the Studio webhook removed');

    await twilio.fake.acceptTask(conversationSid, { name: 'misty@example.com', attributes: { full_name: 'Misty' } });
    await eventually(() => app.discord.dmMessages(player.id).find((m) => m.content.includes('Misty from the support team has joined')), 5000, 'the joined notice');
    await twilio.fake.agentMessage(conversationSid, 'Hi, Misty here', { author: 'misty@example.com' });
    app.discord.dispatchMessage({ user: player, content: 'thanks Misty' });
    await eventually(() => twilio.fake.calls(MESSAGES).find((r) => r.params.Body === 'thanks Misty'), 5000, 'the relayed message');
    // Neither the agent's reply nor the player's message started a flow execution or a second task.
    expect(twilio.fake.studioTriggers.filter((t) => t.conversationSid === conversationSid).map((t) => t.body)).toEqual([expect.stringContaining('The player asked for a live agent')]);
    expect([...twilio.fake.taskRouter.tasks.values()].filter((t) => t.attributes.includes(conversationSid))).toHaveLength(1);

    const chat = await app.prisma.conversation.findFirstOrThrow({ where: { platformKey: conversationSid } });
    const lead = await app.keyFor(Role.LEAD);
    expect((await app.request({ method: 'POST', url: `/api/conversations/${chat.id}/close`, headers: lead })).statusCode).toBe(204);
    // The close reaches Flex from the queue, right after the 204.
    await eventually(() => twilio.fake.taskFor(conversationSid).assignmentStatus === 'completed', 8000, 'the completed task');
  });
});
