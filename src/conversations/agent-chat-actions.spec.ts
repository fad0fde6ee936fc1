import { coreUnderTest, CoreUnderTest } from '../../test/fakes/core/core-under-test';
import { FakeAgentPlatform, RecordingStaffAlerts } from '../../test/fakes/core/fake-ports';

/** Agent edits, deletions, internal notes, close reasons, staff alerts and the previous case, with fake ports. */
let seq = 0;
const newPlayer = (displayName = 'Ivy') => {
  const id = `a${Date.now()}${++seq}`;
  return { id, displayName, channelId: `dm-${id}` };
};

describe('routing core: what agents do besides writing', () => {
  let core: CoreUnderTest;
  const alerts = new RecordingStaffAlerts();
  beforeAll(async () => {
    core = await coreUnderTest(new FakeAgentPlatform(), alerts);
  });
  afterAll(() => core.close());

  async function handedOff(player: ReturnType<typeof newPlayer>) {
    await core.players.receive({ player, playerMessageId: `m${++seq}`, body: 'I want a human', media: [] });
    const chat = await core.prisma.conversation.findFirstOrThrow({ where: { playerId: player.id }, orderBy: { createdAt: 'desc' } });
    const number = (await core.prisma.case.findUniqueOrThrow({ where: { id: chat.caseId! } })).number;
    return { key: chat.platformKey!, number };
  }

  it('an edit changes the transcript and the player copy; a deletion removes the copy; other ids are ignored', async () => {
    const player = newPlayer();
    const { key } = await handedOff(player);
    await core.events.agentMessage({ platformKey: key, platformMessageId: `x${++seq}`, authorName: 'Sam', shownAs: 'Support · Sam', body: 'Try again tmorrow', media: [] });
    const sent = core.player.sent.at(-1)!;
    expect(sent.notice.from).toBe('Support · Sam');
    const id = `x${seq}`;
    await core.events.agentMessageChanged({ platformKey: key, platformMessageId: id, body: 'Try again tomorrow', shownAs: 'Support · Sam' });
    expect(core.player.edits.at(-1)).toEqual({ messageId: sent.messageId, notice: { text: 'Try again tomorrow', from: 'Support · Sam' } });
    expect((await core.prisma.message.findUniqueOrThrow({ where: { platformMessageId: id } })).body).toBe('Try again tomorrow');
    await core.events.agentMessageChanged({ platformKey: key, platformMessageId: id });
    expect(core.player.removed).toContain(sent.messageId);
    const edits = core.player.edits.length;
    await core.events.agentMessageChanged({ platformKey: key, platformMessageId: 'unknown', body: 'x' });
    expect(core.player.edits).toHaveLength(edits);
  });

  it('an internal note is kept once on the case and never sent; a close reason is kept with its actor', async () => {
    const player = newPlayer();
    const { key, number } = await handedOff(player);
    const before = core.player.texts(player.channelId).length;
    const note = { platformKey: key, platformMessageId: `n${++seq}`, actor: 'discord-staff:Sam', body: 'VIP player' };
    await core.events.internalNote(note);
    await core.events.internalNote(note);
    await core.events.platformClosed({ platformKey: key, reason: 'solved', actor: 'discord-staff:Sam' });
    await core.events.platformClosed({ platformKey: key, reason: 'solved', actor: 'discord-staff:Sam' });
    await core.queue.drain(); // the notice goes out from the queue
    const events = await core.prisma.caseEvent.findMany({ where: { case: { number }, type: 'NOTE' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.actor, (e.data as { body: string }).body])).toEqual([
      ['chat:discord-staff:Sam', 'VIP player'],
      ['chat:discord-staff:Sam', 'Chat closed: solved'],
    ]);
    expect(core.player.texts(player.channelId).slice(before)).toEqual([expect.stringContaining('This chat has been closed')]);
    expect(await core.events.chat(key)).toMatchObject({ caseNumber: number, open: false, locale: 'en' });
  });

  it('staff are alerted when a chat waits and when it ends; a new chat hands off with the previous case', async () => {
    const player = newPlayer('Rae');
    const first = await handedOff(player);
    await core.events.platformClosed({ platformKey: first.key });
    await core.queue.drain(); // the staff alert goes out from the queue
    expect(alerts.posted.filter((p) => p.alert.player.id === player.id).map((p) => [p.kind, p.alert.caseNumber])).toEqual([
      ['waiting', first.number],
      ['closed', first.number],
    ]);
    const second = await handedOff(player);
    expect(second.number).not.toBe(first.number);
    expect(core.platform.handOffs.at(-1)).toMatchObject({ caseNumber: second.number, previousCaseNumber: first.number });
  });
});
