import type { APIUser } from 'discord-api-types/v10';
import { getExpectedBodyHash, getExpectedTwilioSignature } from 'twilio';
import { JobQueue } from '../../src/queue/job-queue';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';
import { startTestTwilio, TEST_PUBLIC_URL, TestTwilio } from '../utils/test-twilio';

const FORWARD = `${TEST_PUBLIC_URL}/forward-to-discord`;
const hex = (n: number) => n.toString(16).padStart(32, '0');

/** Signed webhooks that cannot be replayed into new events, through discord.js and twilio-node. */
describe('Flex webhooks that cannot be replayed into new events', () => {
  let twilio: TestTwilio;
  let app: DiscordTestApp;
  let player: APIUser;
  let conversationSid: string;

  beforeAll(async () => {
    twilio = await startTestTwilio();
    app = await createDiscordTestApp({ ...twilio.env, QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '200', QUEUE_POLL_MS: '20' });
    twilio.connect(app);
    player = app.discord.user({ username: 'hardened' });
    await app.discord.waitForReply(app.discord.dispatchInteraction(app.discord.slashCommand({ name: 'helpme', user: player, locale: 'en-US' })));
    app.discord.dispatchMessage({ user: player, content: 'can I talk to a live agent please' });
    const row = await eventually(() => app.prisma.conversation.findFirst({ where: { playerId: player.id, platformKey: { not: null } } }), 5000, 'the Twilio conversation');
    conversationSid = row.platformKey!;
    await twilio.fake.acceptTask(conversationSid);
    await eventually(() => botDms().find((m) => m.content.includes('has joined')), 5000, 'the joined notice');
  });
  afterAll(async () => {
    await app.close();
    await twilio.stop();
  });

  const botDms = () => app.discord.dmMessages(player.id).filter((m) => m.author.id === app.discord.botUser.id);
  const drain = () => app.app.get(JobQueue).drain();

  it('a replayed or re-split signed request produces no second DM', async () => {
    const [delivery] = await twilio.fake.agentMessage(conversationSid, 'only once, whatever happens');
    await eventually(() => botDms().find((m) => m.content.includes('only once, whatever happens')), 5000, 'the DM');

    // The same bytes again, and the same signature over another split of the same characters:
    // twilio-node's signature concatenates sorted keys and values, so folding ParticipantSid into
    // MessageSid's value signs identically, and a naive handler would see a new message id.
    const resplit: Record<string, string> = { ...delivery.params, MessageSid: `${delivery.params.MessageSid}ParticipantSid${delivery.params.ParticipantSid}` };
    delete resplit.ParticipantSid;
    const signature = delivery.headers['x-twilio-signature'];
    expect(getExpectedTwilioSignature(twilio.fake.authToken, FORWARD, resplit)).toBe(signature);

    expect((await twilio.fake.send(FORWARD, delivery.params, { signature })).status).toBe(200);
    const refused = await twilio.fake.send(FORWARD, resplit, { signature });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body).errors ?? JSON.parse(refused.body)).toBeDefined();
    expect(refused.body).toContain('MessageSid');
    await drain();
    expect(botDms().filter((m) => m.content.includes('only once, whatever happens'))).toHaveLength(1);
  });

  it('a JSON body under a form signature is refused; JSON with a signed bodySHA256 is checked against its bytes', async () => {
    const params = { ConversationSid: conversationSid, EventType: 'onMessageAdded', MessageSid: `IM${hex(1)}`, Author: 'alice@example.com', Body: 'smuggled as JSON', Source: 'SDK' };
    const formSignature = getExpectedTwilioSignature(twilio.fake.authToken, FORWARD, params);
    const asJson = await app.request({ method: 'POST', url: '/forward-to-discord', headers: { 'content-type': 'application/json', 'x-twilio-signature': formSignature }, payload: JSON.stringify(params) });
    expect(asJson.statusCode).toBe(415);

    const body = JSON.stringify({ ...params, MessageSid: `IM${hex(2)}`, Body: 'signed JSON' });
    const url = `/forward-to-discord?bodySHA256=${getExpectedBodyHash(body)}`;
    const signed = getExpectedTwilioSignature(twilio.fake.authToken, `${TEST_PUBLIC_URL}${url}`, {});
    const tampered = await app.request({ method: 'POST', url, headers: { 'content-type': 'application/json', 'x-twilio-signature': signed }, payload: body.replace('signed JSON', 'tampered!!!') });
    expect(tampered.statusCode).toBe(403);
    const good = await app.request({ method: 'POST', url, headers: { 'content-type': 'application/json', 'x-twilio-signature': signed }, payload: body });
    expect(good.statusCode).toBe(200);
    await eventually(() => botDms().find((m) => m.content.includes('signed JSON')), 5000, 'the JSON-signed message');
    expect(botDms().some((m) => m.content.includes('smuggled as JSON') || m.content.includes('tampered'))).toBe(false);
  });

  it('one malformed event in a burst of fifty leaves the other forty-nine acknowledged and delivered', async () => {
    const params = (i: number): Record<string, string> => ({
      AccountSid: twilio.fake.accountSid,
      ConversationSid: conversationSid,
      EventType: 'onMessageAdded',
      // Number 17 carries a MessageSid that is no SID (too long): its request alone is refused.
      MessageSid: i === 17 ? `IM${hex(100 + i)}${'0'.repeat(300)}` : `IM${hex(100 + i)}`,
      Author: 'alice@example.com',
      // Number 23 carries a NUL, which Postgres cannot store in JSON: delivered with U+FFFD instead.
      Body: i === 23 ? `burst ${i} with a \u0000 inside` : `burst ${i}`,
      Source: 'SDK',
    });
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => twilio.fake.send(FORWARD, params(i))));

    expect(responses.map((r, i) => [i, r.status, r.status === 200 ? "" : r.body]).filter(([, s]) => s !== 200)).toEqual([[17, 400, expect.stringContaining("MessageSid")]]);
    expect(responses[17].status).toBe(400);
    await eventually(() => botDms().filter((m) => /burst \d+/.test(m.content)).length >= 49 || undefined, 20_000, '49 DMs');
    const delivered = botDms().map((m) => /burst (\d+)/.exec(m.content)?.[1]).filter(Boolean);
    expect(new Set(delivered).size).toBe(49);
    expect(delivered).not.toContain('17');
    expect(botDms().find((m) => m.content.includes('burst 23'))!.content).toContain('with a \uFFFD inside');
  });

  it('a body longer than a Discord message arrives whole, in several DMs', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `line ${i} of the agent's long answer`).join('\n');
    expect(long.length).toBeGreaterThan(4000);
    const response = await twilio.fake.send(FORWARD, { ConversationSid: conversationSid, EventType: 'onMessageAdded', MessageSid: `IM${hex(999)}`, Author: 'alice@example.com', Body: long, Source: 'SDK' });
    expect(response.status).toBe(200);
    const parts = await eventually(() => {
      const found = botDms().filter((m) => m.content.includes("of the agent's long answer"));
      return found.some((m) => m.content.includes('line 299 of')) ? found : undefined;
    }, 10_000, 'every part');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((m) => m.content.length <= 2000)).toBe(true);
    const text = parts.map((m) => m.content.replace(/^\*\*alice:\*\* /, '')).join('');
    expect(text).toBe(long);
  });
});
