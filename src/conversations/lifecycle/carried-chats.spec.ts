import { RecordingStaffAlerts } from '../../../test/fakes/core/fake-ports';
import { coreUnderTest, CoreUnderTest } from '../../../test/fakes/core/core-under-test';
import { MovableClock, runTimersDue } from '../../../test/utils/fake-time';
import { AgentPlatform, AgentPlatformCapabilities, ChatRef, CloseCause, HandOff, HandOffResult, TranscriptLine } from '../ports';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A second desk (a staff thread's stand-in) for the chats nobody took on the first; it can be down. */
class SecondDesk extends AgentPlatform {
  readonly name = 'second-desk';
  readonly capabilities: AgentPlatformCapabilities = { relaysPlayerMessages: true, routesInOwnFlow: false };
  readonly closed: { chat: ChatRef; cause?: CloseCause }[] = [];
  readonly mirrored: TranscriptLine[] = [];
  down = false;

  async handOff(chat: HandOff): Promise<HandOffResult> {
    if (this.down) throw new Error('the second desk is down');
    return { platformKey: `second-${chat.conversationId}` };
  }
  async relayPlayerMessage(): Promise<{ platformMessageId?: string }> {
    return {};
  }
  async mirror(_chat: ChatRef, line: TranscriptLine): Promise<void> {
    this.mirrored.push(line);
  }
  async close(chat: ChatRef, cause?: CloseCause): Promise<void> {
    this.closed.push({ chat, cause });
  }
}

let seq = 0;
const newPlayer = () => {
  const id = `c${Date.now()}${++seq}`;
  return { id, displayName: 'Ash', channelId: `dm-${id}` };
};

/** The lifecycle's timers act on the platform carrying the chat: the fallback after a fall-back, nothing on the first. */
describe('lifecycle timers on the platform carrying the chat', () => {
  const second = new SecondDesk();
  const alerts = new RecordingStaffAlerts();
  const clock = new MovableClock(new Date('2027-03-01T10:00:00.000Z'));
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest(undefined, alerts, second, clock);
  });
  afterAll(() => core.close());

  const say = (player: ReturnType<typeof newPlayer>, body: string) => core.players.receive({ player, playerMessageId: `m${Date.now()}${++seq}`, body, media: [] });
  const chatOf = (playerId: string) => core.prisma.conversation.findFirstOrThrow({ where: { playerId }, orderBy: { createdAt: 'desc' }, include: { case: true } });
  const texts = (player: ReturnType<typeof newPlayer>, start: string) => core.player.texts(player.channelId).filter((t) => t.startsWith(start));
  /** The clock moves `ms` on from where it is; the timers due by then run. */
  const wait = async (ms: number) => {
    clock.at = new Date(clock.at.getTime() + ms);
    await runTimersDue(core.prisma, core.queue, clock.at);
  };
  /** A player whose chat nobody took on the first platform: it waits on the second desk (or the leads' queue when that is down). */
  const fallenBack = async () => {
    const player = newPlayer();
    await say(player, 'I want a human please');
    await core.events.noAgentAvailable({ platformKey: (await chatOf(player.id)).platformKey! });
    return { player, chat: await chatOf(player.id) };
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
    expect(await chatOf(player.id)).toMatchObject({ mode: 'CLOSED', case: { status: 'RESOLVED' } });
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
    await say(player, 'I want a human please');
    const chat = await chatOf(player.id);
    expect(chat.platform).toBe('fake-desk');
    await core.leads.replyToCase(chat.case!.number, 'Does it work now?', 'Misty');
    await wait(48 * HOUR);

    expect(texts(player, 'We closed this chat')).toHaveLength(1);
    expect(core.platform.closed.filter((c) => c.conversationId === chat.id)).toHaveLength(1);
    expect(core.platform.closeCauses.at(-1)).toEqual({ by: 'lifecycle', silentHours: 48 });
    expect(second.closed.filter((c) => c.chat.conversationId === chat.id)).toHaveLength(0);
  });
});
