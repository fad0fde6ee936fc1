import { coreUnderTest, CoreUnderTest, newPlayer, TestPlayer } from '../../../test/fakes/core/core-under-test';
import { RecordingStaffAlerts } from '../../../test/fakes/core/fake-ports';
import { MovableClock } from '../../../test/utils/fake-time';
import { MessageStore } from '../message-store';

const HOUR = 3600_000;

/**
 * The auto-close when a step after it fails or the process dies there: the retry ends the chat on
 * its platform once, and the player gets one "closed" notice and one survey, in that order.
 */
describe('auto-close: crash-safe effects', () => {
  const alerts = new RecordingStaffAlerts();
  const clock = new MovableClock(new Date('2027-03-01T10:00:00.000Z'));
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest(undefined, alerts, undefined, clock);
  });
  afterAll(() => core.close());
  afterEach(() => jest.restoreAllMocks());

  const wait = (ms: number) => clock.moveOn(ms, core.prisma, core.queue);
  /** A player with an agent (a lead answered) who then stays silent until the reminder. */
  const reminded = async () => {
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const chat = await core.chatOf(player.id);
    await core.leads.replyToCase(chat.case!.number, 'Can you send me your player id?', 'Misty');
    await wait(24 * HOUR);
    expect(texts(player, 'Are you still there?')).toHaveLength(1);
    return { player, chat };
  };
  const texts = (player: TestPlayer, start: string) => core.player.texts(player.channelId).filter((t) => t.startsWith(start));
  const closesOf = (conversationId: string) => core.platform.closed.filter((c) => c.conversationId === conversationId);

  /** Once the chat closed (and an hour later): closed on its platform once, one notice then one survey, the case resolved once. */
  async function expectClosedOnce(player: TestPlayer, chat: { id: string; caseId: string | null }) {
    for (const pass of [1, 2]) {
      if (pass === 2) await wait(HOUR);
      expect(closesOf(chat.id)).toHaveLength(1);
      expect(texts(player, 'We closed this chat')).toHaveLength(1);
      expect(texts(player, 'How did we do?')).toHaveLength(1);
      expect(core.player.texts(player.channelId).slice(-2).map((t) => t.slice(0, 14))).toEqual(['We closed this', 'How did we do?']);
      expect(alerts.posted.filter((p) => p.kind === 'closed' && p.alert.player.id === player.id)).toHaveLength(1);
      const helpCase = await core.prisma.case.findUniqueOrThrow({ where: { id: chat.caseId! }, include: { events: true } });
      expect(helpCase.status).toBe('RESOLVED');
      expect(helpCase.events.filter((e) => e.type === 'AUTO_CLOSED')).toHaveLength(1);
    }
    expect((await core.chatOf(player.id)).mode).toBe('CLOSED');
  }

  it('the platform close fails once: the retry closes the chat there once', async () => {
    const { player, chat } = await reminded();
    const close = jest.spyOn(core.platform, 'close').mockRejectedValueOnce(new Error('the desk is down'));
    await wait(24 * HOUR);
    expect(close).toHaveBeenCalledTimes(2);
    await expectClosedOnce(player, chat);
  });

  it("the player's notice fails once after the chat closed: the retry delivers it once, and the platform close and survey still happen", async () => {
    const { player, chat } = await reminded();
    core.player.failNext(1);
    await wait(24 * HOUR);
    await expectClosedOnce(player, chat);
  });

  it('the process dies right after the database close (before the notice is stored): the retried timer closes the chat everywhere', async () => {
    const { player, chat } = await reminded();
    // The first write after the close is the notice's: failing it stands for the worker dying between the two.
    jest.spyOn(MessageStore.prototype, 'storeOutbound').mockRejectedValueOnce(new Error('worker killed after the close'));
    await wait(24 * HOUR);
    await expectClosedOnce(player, chat);
  });

  it('the process dies between claiming the survey and storing it: the retry sends the survey once', async () => {
    const { player, chat } = await reminded();
    const store = MessageStore.prototype.storeOutbound;
    let failed = false;
    jest.spyOn(MessageStore.prototype, 'storeOutbound').mockImplementation(function (this: MessageStore, ...args: Parameters<MessageStore['storeOutbound']>) {
      if (!failed && args[1].details?.event === 'csat') {
        failed = true;
        return Promise.reject(new Error('worker killed after the claim'));
      }
      return store.apply(this, args);
    });
    await wait(24 * HOUR);
    expect(failed).toBe(true);
    await expectClosedOnce(player, chat);
  });
});
