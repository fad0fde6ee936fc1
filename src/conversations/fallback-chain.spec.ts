import { coreUnderTest, CoreUnderTest, newPlayer, TestPlayer } from '../../test/fakes/core/core-under-test';
import { FallbackDesk } from '../../test/fakes/core/fake-ports';

/** The core's fallback chain: the fallback platform takes the chat, or the leads' REST queue when it cannot. */
describe('routing core: a fallback platform, then the leads queue', () => {
  const second = new FallbackDesk();
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest(undefined, undefined, second);
  });
  afterAll(() => core.close());

  const notices = (player: TestPlayer) => core.player.texts(player.channelId).filter((t) => t.startsWith('No agent is free'));

  it('nobody took it: the fallback gets the hand-off with the transcript and its key, once however often the event comes', async () => {
    second.down = false;
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const { platformKey, id } = await core.chatOf(player.id);
    await core.events.noAgentAvailable({ platformKey: platformKey! });
    await core.events.noAgentAvailable({ platformKey: platformKey! });

    expect(notices(player)).toHaveLength(1);
    expect(second.handOffs.filter((h) => h.conversationId === id)).toHaveLength(1);
    expect(second.handOffs.find((h) => h.conversationId === id)!.transcript.map((l) => l.body)).toContain('I want a human please');
    expect(await core.chatOf(player.id)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'second-desk', platformKey: `second-${id}` });

    // The player's next messages go to the fallback now, not to the first platform.
    const relayedFirst = core.platform.relayed.length;
    await core.say(player, 'still there?');
    await core.queue.drain();
    expect(second.relayed).toContain('still there?');
    expect(core.platform.relayed).toHaveLength(relayedFirst);
  });

  it('the fallback is down: the chat waits on the leads queue, the player told once even when the event comes again', async () => {
    second.down = true;
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const { platformKey } = await core.chatOf(player.id);
    await core.events.noAgentAvailable({ platformKey: platformKey! });
    await core.events.noAgentAvailable({ platformKey: platformKey! });

    expect(notices(player)).toHaveLength(1);
    expect(await core.chatOf(player.id)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'leads', platformKey });
  });

  it('the first hand-off fails: the fallback takes the chat at once', async () => {
    second.down = false;
    core.platform.failNextHandOff();
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const chat = await core.chatOf(player.id);
    expect(chat).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'second-desk', platformKey: `second-${chat.id}` });
    expect(second.handOffs.filter((h) => h.conversationId === chat.id)).toHaveLength(1);
  });
});
