import { coreUnderTest, CoreUnderTest } from '../../test/fakes/core/core-under-test';
import { AgentPlatform, AgentPlatformCapabilities, ChatRef, HandOff, HandOffResult, RelayedMessage } from './ports';

/** A second desk for chats nobody took on the first one; it can be down. */
class SecondDesk extends AgentPlatform {
  readonly name = 'second-desk';
  readonly capabilities: AgentPlatformCapabilities = { relaysPlayerMessages: true, routesInOwnFlow: false };
  readonly handOffs: HandOff[] = [];
  down = false;

  async handOff(chat: HandOff): Promise<HandOffResult> {
    if (this.down) throw new Error('the second desk is down');
    this.handOffs.push(chat);
    return { platformKey: `second-${chat.conversationId}`, platformRefs: { thread: `T${chat.caseNumber}` } };
  }
  readonly relayed: string[] = [];

  async relayPlayerMessage(_chat: ChatRef, message: RelayedMessage): Promise<{ platformMessageId?: string }> {
    this.relayed.push(message.body);
    return {};
  }
  async mirror(): Promise<void> {}
  async close(): Promise<void> {}
}

let seq = 0;
const newPlayer = () => {
  const id = `f${Date.now()}${++seq}`;
  return { id, displayName: 'Ash', channelId: `dm-${id}` };
};

/** The core's fallback chain: the fallback platform takes the chat, or the leads' REST queue when it cannot. */
describe('routing core: a fallback platform, then the leads queue', () => {
  const second = new SecondDesk();
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest(undefined, undefined, second);
  });
  afterAll(() => core.close());

  const say = (player: ReturnType<typeof newPlayer>, body: string) => core.players.receive({ player, playerMessageId: `m${Date.now()}${++seq}`, body, media: [] });
  const chatOf = (playerId: string) => core.prisma.conversation.findFirstOrThrow({ where: { playerId }, orderBy: { createdAt: 'desc' } });
  const notices = (player: ReturnType<typeof newPlayer>) => core.player.texts(player.channelId).filter((t) => t.startsWith('No agent is free'));

  it('nobody took it: the fallback gets the hand-off with the transcript and its key, once however often the event comes', async () => {
    second.down = false;
    const player = newPlayer();
    await say(player, 'I want a human please');
    const { platformKey, id } = await chatOf(player.id);
    await core.events.noAgentAvailable({ platformKey: platformKey! });
    await core.events.noAgentAvailable({ platformKey: platformKey! });

    expect(notices(player)).toHaveLength(1);
    expect(second.handOffs.filter((h) => h.conversationId === id)).toHaveLength(1);
    expect(second.handOffs.find((h) => h.conversationId === id)!.transcript.map((l) => l.body)).toContain('I want a human please');
    expect(await chatOf(player.id)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'second-desk', platformKey: `second-${id}` });

    // The player's next messages go to the fallback now, not to the first platform.
    const relayedFirst = core.platform.relayed.length;
    await say(player, 'still there?');
    await core.queue.drain();
    expect(second.relayed).toContain('still there?');
    expect(core.platform.relayed).toHaveLength(relayedFirst);
  });

  it('the fallback is down: the chat waits on the leads queue, the player told once even when the event comes again', async () => {
    second.down = true;
    const player = newPlayer();
    await say(player, 'I want a human please');
    const { platformKey } = await chatOf(player.id);
    await core.events.noAgentAvailable({ platformKey: platformKey! });
    await core.events.noAgentAvailable({ platformKey: platformKey! });

    expect(notices(player)).toHaveLength(1);
    expect(await chatOf(player.id)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'leads', platformKey });
  });

  it('the first hand-off fails: the fallback takes the chat at once', async () => {
    second.down = false;
    core.platform.failNextHandOff();
    const player = newPlayer();
    await say(player, 'I want a human please');
    const chat = await chatOf(player.id);
    expect(chat).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'second-desk', platformKey: `second-${chat.id}` });
    expect(second.handOffs.filter((h) => h.conversationId === chat.id)).toHaveLength(1);
  });
});
