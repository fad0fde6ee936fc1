import { coreUnderTest, CoreUnderTest } from '../../test/fakes/core/core-under-test';
import { FakeAgentPlatform } from '../../test/fakes/core/fake-ports';
import { PlayerUnreachableError } from './ports';

/**
 * The routing core's decisions and events with fake ports (player channel, agent platform, bot)
 * over the real store: no Nest, no HTTP, no Discord or Twilio.
 */
let seq = 0;
const newPlayer = (displayName = 'Sam') => {
  const id = `p${Date.now()}${++seq}`;
  return { id, displayName, channelId: `dm-${id}` };
};

describe('routing core with fake ports (agent platform relays player messages)', () => {
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest();
  });
  afterAll(() => core.close());

  const say = (player: ReturnType<typeof newPlayer>, body: string) =>
    core.players.receive({ player, playerMessageId: `m${Date.now()}${++seq}`, body, media: [] });
  const chatOf = (playerId: string) => core.prisma.conversation.findFirstOrThrow({ where: { playerId }, orderBy: { createdAt: 'desc' } });

  /** Asks for a person and returns the chat's platform key and case number. */
  async function handedOff(player: ReturnType<typeof newPlayer>) {
    await say(player, 'I want a human please');
    const chat = await chatOf(player.id);
    const helpCase = await core.prisma.case.findUniqueOrThrow({ where: { id: chat.caseId! } });
    return { key: chat.platformKey!, caseNumber: helpCase.number, chatId: chat.id };
  }

  it('answers with the bot: articles and the agent button, stored and recorded as sent', async () => {
    const player = newPlayer();
    await say(player, 'where are my gems?');

    const [answer] = core.player.sent.filter((s) => s.channelId === player.channelId);
    expect(answer.notice).toMatchObject({ text: 'Here is what I found:', agentButtonLabel: 'Talk to a live agent', articles: [expect.objectContaining({ slug: 'missing-gems' })] });
    const rows = await core.prisma.message.findMany({ where: { conversation: { playerId: player.id } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.authorKind, r.deliveryStatus])).toEqual([['PLAYER', null], ['BOT', 'SENT']]);
    expect(rows[1].playerMessageId).toBe(answer.messageId);
    expect(core.platform.relayed.filter((r) => r.chat.player.id === player.id)).toHaveLength(0);
  });

  it('answers in the language the bot answered in, and offers a person when nothing matches', async () => {
    const player = newPlayer();
    await say(player, 'bonjour, mes gemmes ont disparu');
    await say(player, 'the map is blank');
    expect(core.player.texts(player.channelId)).toEqual(["Voici ce que j'ai trouvé :", "I couldn't find an article about that. Try other words, or talk to a live agent."]);
  });

  it('a redelivered player message is stored and answered once', async () => {
    const player = newPlayer();
    const message = { player, playerMessageId: `dup-${player.id}`, body: 'gems missing', media: [] };
    expect(await core.players.receive(message)).toEqual({ duplicate: false });
    expect(await core.players.receive(message)).toEqual({ duplicate: true });
    expect(core.player.texts(player.channelId)).toHaveLength(1);
  });

  it('asking for a person by words: a HELP case, the transfer message, the hand-off with the transcript', async () => {
    const player = newPlayer('Ash');
    await say(player, 'my gems are gone');
    const { key, caseNumber, chatId } = await handedOff(player);

    const helpCase = await core.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } });
    expect(helpCase).toMatchObject({ type: 'HELP', reporterId: player.id, reporterName: 'Ash', title: 'Help chat with Ash' });
    expect(helpCase.description).toContain('my gems are gone');
    expect(core.player.texts(player.channelId).at(-1)).toBe(`Case #${caseNumber} has been created for you. Transferring you to a live agent, please stay in this chat.`);
    const [handOff] = core.platform.handOffs.filter((h) => h.conversationId === chatId);
    expect(handOff).toMatchObject({ caseNumber, player, locale: 'en', platformKey: null });
    expect(handOff.transcript.map((l) => l.author)).toEqual(['PLAYER', 'BOT', 'PLAYER', 'SYSTEM']);
    expect(await chatOf(player.id)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'fake-desk', platformKey: key, platformRefs: { ticket: `T${caseNumber}` } });
  });

  it('asking by the button works the same, and asking again says "already transferring" without a second hand-off', async () => {
    const player = newPlayer();
    await core.players.requestAgent(player, 'de');
    const chat = await chatOf(player.id);
    const { number } = await core.prisma.case.findUniqueOrThrow({ where: { id: chat.caseId! } });
    expect(core.player.texts(player.channelId)).toEqual([`Der Fall #${number} wurde für dich erstellt. Ich verbinde dich mit einem Mitarbeiter, bitte bleib in diesem Chat.`]);

    await core.players.requestAgent(player, 'de');
    expect(core.player.texts(player.channelId).at(-1)).toBe(`Du wartest bereits auf einen Mitarbeiter (Fall #${number}). Gleich ist jemand für dich da.`);
    expect(core.platform.handOffs.filter((h) => h.conversationId === chat.id)).toHaveLength(1);
  });

  it('a failed hand-off leaves the chat waiting in the leads’ queue', async () => {
    const player = newPlayer();
    core.platform.failNextHandOff();
    await say(player, 'agent please');
    expect(await chatOf(player.id)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'leads', platformKey: null });
  });

  it('agent joined: the player is told once even when the event is redelivered; the case is IN_PROGRESS with the agent', async () => {
    const player = newPlayer();
    const { key, caseNumber } = await handedOff(player);
    await core.events.agentJoined({ platformKey: key, agentName: 'Alice' });
    await core.events.agentJoined({ platformKey: key, agentName: 'Alice' });

    expect(core.player.texts(player.channelId).filter((t) => t.includes('has joined'))).toEqual(['Alice from the support team has joined the chat.']);
    expect(await core.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } })).toMatchObject({ status: 'IN_PROGRESS', assignee: 'Alice' });
    expect(await chatOf(player.id)).toMatchObject({ mode: 'AGENT', agentName: 'Alice' });
  });

  it('agent joined while the player channel is down: the redelivered event delivers the stored announcement', async () => {
    const player = newPlayer();
    const { key } = await handedOff(player);
    core.player.failNext();
    await expect(core.events.agentJoined({ platformKey: key, agentName: 'Brock' })).rejects.toThrow('player channel is down');
    await core.events.agentJoined({ platformKey: key, agentName: 'Brock' });
    await core.events.agentJoined({ platformKey: key, agentName: 'Brock' });
    expect(core.player.texts(player.channelId).filter((t) => t.includes('has joined'))).toEqual(['Brock from the support team has joined the chat.']);
    const rows = await core.prisma.message.findMany({ where: { conversation: { playerId: player.id }, body: { contains: 'has joined' } } });
    expect(rows.map((r) => r.deliveryStatus)).toEqual(['SENT']);
    const chat = await chatOf(player.id);
    expect(await core.prisma.case.findUniqueOrThrow({ where: { id: chat.caseId! } })).toMatchObject({ status: 'IN_PROGRESS', assignee: 'Brock' });
  });

  it('two requests for a person at the same moment (a double click) hand off once', async () => {
    const player = newPlayer();
    await say(player, 'gems');
    await Promise.all([core.players.requestAgent(player, 'en'), core.players.requestAgent(player, 'en')]);
    const chat = await chatOf(player.id);
    expect(core.platform.handOffs.filter((h) => h.conversationId === chat.id)).toHaveLength(1);
    expect(await core.prisma.case.count({ where: { reporterId: player.id } })).toBe(1);
  });

  it('an agent message is delivered once, redelivered or not', async () => {
    const player = newPlayer();
    const { key } = await handedOff(player);
    const event = { platformKey: key, platformMessageId: `IM-${player.id}`, authorName: 'Alice', body: 'Hi, crediting your gems', media: [] };
    await core.events.agentMessage(event);
    await core.events.agentMessage(event);
    expect(core.player.sent.filter((s) => s.notice.text.includes('crediting')).map((s) => s.notice)).toEqual([{ text: 'Hi, crediting your gems', from: 'Alice', files: [] }]);
  });

  it('a crash between "sent" and "recorded" does not send the agent message twice', async () => {
    const player = newPlayer();
    const { key } = await handedOff(player);
    const event = { platformKey: key, platformMessageId: `IM-crash-${player.id}`, authorName: 'Alice', body: 'sent before the crash', media: [] };
    const record = jest.spyOn(core.messages, 'markSent').mockRejectedValueOnce(new Error('process killed'));
    await expect(core.events.agentMessage(event)).rejects.toThrow('process killed');
    record.mockRestore();

    await core.events.agentMessage(event); // the queue's retry
    const sends = core.player.sent.filter((s) => s.notice.text.includes('sent before the crash'));
    expect(sends).toHaveLength(1);
    const row = await core.prisma.message.findUniqueOrThrow({ where: { platformMessageId: event.platformMessageId } });
    expect(row).toMatchObject({ deliveryStatus: 'SENT', playerMessageId: sends[0].messageId });
  });

  it('a player who closed their DMs: the agent message is FAILED with the reason, and the error is final', async () => {
    const player = newPlayer();
    const { key } = await handedOff(player);
    core.player.unreachable.add(player.id);
    const failure = core.events.agentMessage({ platformKey: key, platformMessageId: `IM-closed-${player.id}`, authorName: 'Alice', body: 'are you there?', media: [] });
    await expect(failure).rejects.toBeInstanceOf(PlayerUnreachableError);
    await expect(failure).rejects.toMatchObject({ retryable: false });
    expect(await core.prisma.message.findUniqueOrThrow({ where: { platformMessageId: `IM-closed-${player.id}` } })).toMatchObject({
      deliveryStatus: 'FAILED',
      deliveryError: expect.stringContaining('does not accept messages'),
    });
  });

  it('player messages while an agent is requested reach the platform once each, in order', async () => {
    const player = newPlayer();
    const { key } = await handedOff(player);
    for (const body of ['one', 'two', 'three']) await say(player, body);
    await core.queue.drain();
    const relayed = core.platform.relayed.filter((r) => r.chat.platformKey === key).map((r) => r.message.body);
    expect(relayed).toEqual(['one', 'two', 'three']);
    expect(await core.prisma.message.count({ where: { conversation: { playerId: player.id }, relayPending: true } })).toBe(0);
  });

  it('a crash between "posted" and "recorded" in the relay does not post the message twice', async () => {
    const player = newPlayer();
    const { key } = await handedOff(player);
    const record = jest.spyOn(core.messages, 'recordRelayed').mockRejectedValueOnce(new Error('process killed'));
    await say(player, 'posted before the crash');
    await core.queue.drain();
    record.mockRestore();
    const posts = core.platform.relayed.filter((r) => r.chat.platformKey === key && r.message.body === 'posted before the crash');
    expect(posts).toHaveLength(1);
    const row = await core.prisma.message.findFirstOrThrow({ where: { body: 'posted before the crash' } });
    expect(row).toMatchObject({ relayPending: false, platformMessageId: expect.stringMatching(/^pf-/) });
  });

  it('the platform closing the chat: the player is told once, and the next message starts over with the bot', async () => {
    const player = newPlayer();
    const { key, chatId } = await handedOff(player);
    await core.events.platformClosed({ platformKey: key });
    await core.events.platformClosed({ platformKey: key });
    await core.queue.drain(); // the notice goes out from the queue
    expect(core.player.texts(player.channelId).filter((t) => t.startsWith('This chat has been closed'))).toHaveLength(1);

    await say(player, 'gems again');
    const next = await chatOf(player.id);
    expect(next.id).not.toBe(chatId);
    expect(next.mode).toBe('BOT');
  });

  it('a lead replies: the agent is announced, the reply reaches the player and is mirrored to the platform', async () => {
    const player = newPlayer();
    const { caseNumber } = await handedOff(player);
    expect(await core.leads.replyToCase(caseNumber, 'Hello from the lead desk', 'Lena')).toEqual({ delivered: true });

    expect(core.player.sent.slice(-2).map((s) => s.notice)).toEqual([{ text: 'Lena from the support team has joined the chat.' }, { text: 'Hello from the lead desk', from: 'Lena' }]);
    expect(core.platform.mirrored.at(-1)).toMatchObject({ author: 'AGENT', authorName: 'Lena', body: 'Hello from the lead desk' });
    expect(await core.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } })).toMatchObject({ status: 'IN_PROGRESS', assignee: 'Lena' });
  });

  it('a lead closes the chat: the player is told, the platform closes it, a second close is a conflict', async () => {
    const player = newPlayer();
    const { chatId, caseNumber } = await handedOff(player);
    await core.leads.close(chatId);
    await core.queue.drain(); // the notice and the platform close go out from the queue
    expect(core.player.texts(player.channelId).at(-1)).toMatch(/^This chat has been closed/);
    expect(core.platform.closed.at(-1)).toMatchObject({ conversationId: chatId, caseNumber });
    await expect(core.leads.close(chatId)).rejects.toMatchObject({ code: 'conversation_closed', status: 409 });
    await expect(core.leads.replyToCase(caseNumber, 'late', 'Lena')).rejects.toMatchObject({ code: 'no_open_chat' });
  });

  it('/helpme greets, answers the question, and creates nothing for a player who cannot be written to', async () => {
    const player = newPlayer('Kim');
    await core.players.startHelp({ player, locale: 'es-ES', question: 'where are my gems' });
    expect(core.player.texts(player.channelId)).toEqual([
      expect.stringMatching(/^¡Hola Kim!/),
      'Esto es lo que encontré:',
    ]);

    const closed = newPlayer();
    core.player.unreachable.add(closed.id);
    await expect(core.players.startHelp({ player: closed, locale: 'en' })).rejects.toBeInstanceOf(PlayerUnreachableError);
    expect(await core.prisma.conversation.count({ where: { playerId: closed.id } })).toBe(0);
  });
});

describe('routing core with a platform that routes in its own flow', () => {
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest(new FakeAgentPlatform({ relaysPlayerMessages: true, routesInOwnFlow: true }));
  });
  afterAll(() => core.close());

  it('relays every player message instead of answering, answers the flow’s bot turn once, and mirrors it', async () => {
    const player = newPlayer();
    await core.players.receive({ player, playerMessageId: `flow-${player.id}`, body: 'gems?', media: [] });
    await core.queue.drain();
    expect(core.player.sent).toHaveLength(0);
    const [relayed] = core.platform.relayed;
    expect(relayed.message.body).toBe('gems?');
    const key = (await core.prisma.conversation.findFirstOrThrow({ where: { playerId: player.id } })).platformKey!;
    expect(key).toBe(`key-${relayed.chat.conversationId}`);

    const turn = { platformKey: key, platformMessageId: 'turn-1', body: 'gems?' };
    await core.events.botTurn(turn);
    await core.events.botTurn(turn);
    expect(core.player.texts()).toEqual(['Here is what I found:']);
    expect(core.platform.mirrored).toEqual([expect.objectContaining({ author: 'BOT', body: expect.stringContaining('Missing gems') })]);
  });
});

describe('routing core with a platform whose agents read the stored transcript', () => {
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest(new FakeAgentPlatform({ relaysPlayerMessages: false, routesInOwnFlow: false }));
  });
  afterAll(() => core.close());

  it('keeps player messages in the transcript without relaying them', async () => {
    const player = newPlayer();
    await core.players.requestAgent(player, 'en');
    await core.players.receive({ player, playerMessageId: `t-${player.id}`, body: 'still waiting', media: [] });
    await core.queue.drain();
    expect(core.platform.relayed).toHaveLength(0);
    expect(await core.prisma.message.findFirstOrThrow({ where: { body: 'still waiting' } })).toMatchObject({ relayPending: false });
  });
});
