import { coreUnderTest, CoreUnderTest, newPlayer } from '../../../test/fakes/core/core-under-test';
import { FallbackDesk, RecordingStaffAlerts } from '../../../test/fakes/core/fake-ports';
import { MovableClock } from '../../../test/utils/fake-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The lifecycle's timers act on the platform carrying the chat: the fallback after a fall-back, nothing on the first. */
describe('lifecycle timers on the platform carrying the chat', () => {
  const second = new FallbackDesk();
  const alerts = new RecordingStaffAlerts();
  const clock = new MovableClock(new Date('2027-03-01T10:00:00.000Z'));
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest(undefined, alerts, second, clock);
  });
  afterAll(() => core.close());

  const texts = (player: { channelId: string }, start: string) => core.player.texts(player.channelId).filter((t) => t.startsWith(start));
  const wait = (ms: number) => clock.moveOn(ms, core.prisma, core.queue);
  /** A player whose chat nobody took on the first platform: it waits on the second desk (or the leads' queue when that is down). */
  const fallenBack = async () => {
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    await core.events.noAgentAvailable({ platformKey: (await core.chatOf(player.id)).platformKey! });
    return { player, chat: await core.chatOf(player.id) };
  };

  it('after the fall-back: the re-alert names the second desk, and the auto-close closes there, once, not on the first platform', async () => {
    second.down = false;
    const { player, chat } = await fallenBack();
    expect(chat).toMatchObject({ platform: 'second-desk', platformKey: `second-${chat.id}` });
    await wait(16 * MINUTE);
    expect(alerts.stillWaitingAlerts.filter((a) => a.conversationId === chat.id)).toMatchObject([{ alert: 1, platform: 'second-desk' }]);

    await core.events.agentJoined({ platformKey: chat.platformKey!, agentName: 'Sam' });
    await core.events.agentMessage({ platformKey: chat.platformKey!, platformMessageId: `s${chat.id}`, authorName: 'Sam', body: 'Can you send me your player id?', media: [] });
    await wait(24 * HOUR);
    expect(texts(player, 'Are you still there?')).toHaveLength(1);
    expect(second.closed).toHaveLength(0);
    await wait(24 * HOUR);

    expect(texts(player, 'We closed this chat')).toHaveLength(1);
    expect(texts(player, 'Are you still there?')).toHaveLength(1);
    expect(await core.chatOf(player.id)).toMatchObject({ mode: 'CLOSED', case: { status: 'RESOLVED' } });
    expect(second.closed.filter((c) => c.chat.conversationId === chat.id)).toEqual([
      { chat: expect.objectContaining({ platformKey: `second-${chat.id}` }), cause: { by: 'lifecycle', silentHours: 48 } },
    ]);
    expect(core.platform.closed.filter((c) => c.conversationId === chat.id)).toHaveLength(0);
    expect(alerts.posted.filter((p) => p.kind === 'closed' && p.alert.caseNumber === chat.case!.number)).toMatchObject([{ alert: { platform: 'second-desk' } }]);
    await wait(HOUR);
    expect(second.closed.filter((c) => c.chat.conversationId === chat.id)).toHaveLength(1);
  });

  it('on the leads queue (the second desk down too): a lead\'s reply and the auto-close reach neither platform', async () => {
    second.down = true;
    const { player, chat } = await fallenBack();
    expect(chat.platform).toBe('leads');
    const mirroredFirst = core.platform.mirrored.length;
    await core.leads.replyToCase(chat.case!.number, 'A lead is looking at it.', 'Misty');
    expect(core.platform.mirrored).toHaveLength(mirroredFirst);
    await wait(48 * HOUR);

    expect(texts(player, 'We closed this chat')).toHaveLength(1);
    expect(core.platform.closed.filter((c) => c.conversationId === chat.id)).toHaveLength(0);
    expect(second.closed.filter((c) => c.chat.conversationId === chat.id)).toHaveLength(0);
  });

  it('a chat the first platform still carries is closed there', async () => {
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const chat = await core.chatOf(player.id);
    expect(chat.platform).toBe('fake-desk');
    await core.leads.replyToCase(chat.case!.number, 'Does it work now?', 'Misty');
    await wait(48 * HOUR);

    expect(texts(player, 'We closed this chat')).toHaveLength(1);
    expect(core.platform.closed.filter((c) => c.conversationId === chat.id)).toHaveLength(1);
    expect(core.platform.closeCauses.at(-1)).toEqual({ by: 'lifecycle', silentHours: 48 });
    expect(second.closed.filter((c) => c.chat.conversationId === chat.id)).toHaveLength(0);
  });
});
