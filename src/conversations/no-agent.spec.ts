import { coreUnderTest, CoreUnderTest, newPlayer } from '../../test/fakes/core/core-under-test';

/** The core's additions for platforms that report "nobody took it" and secondary "joined" signals (fake ports, real store). */

describe('routing core: nobody took the chat, secondary agent signals', () => {
  let core: CoreUnderTest;
  beforeAll(async () => {
    core = await coreUnderTest();
  });
  afterAll(() => core.close());


  it('no agent: told once, the case stays open, the chat waits on the fallback platform and its messages are no longer relayed', async () => {
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const { platformKey, caseId } = await core.chatOf(player.id);

    await core.events.noAgentAvailable({ platformKey: platformKey! });
    await core.events.noAgentAvailable({ platformKey: platformKey! });

    expect(core.player.texts(player.channelId).filter((t) => t.startsWith('No agent is free'))).toHaveLength(1);
    expect(await core.chatOf(player.id)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'leads', platformKey });
    expect((await core.prisma.case.findUniqueOrThrow({ where: { id: caseId! } })).status).toBe('OPEN');
    const relayed = core.platform.relayed.length;
    await core.say(player, 'still there?');
    await core.queue.drain();
    expect(core.platform.relayed).toHaveLength(relayed);
  });

  it('no agent after an agent joined changes nothing', async () => {
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const { platformKey } = await core.chatOf(player.id);
    await core.events.agentJoined({ platformKey: platformKey!, agentName: 'Alice' });
    await core.events.noAgentAvailable({ platformKey: platformKey! });
    expect(core.player.texts(player.channelId).some((t) => t.startsWith('No agent is free'))).toBe(false);
    expect(await core.chatOf(player.id)).toMatchObject({ mode: 'AGENT', agentName: 'Alice' });
  });

  it('a secondary "joined" is ignored once an agent is present, applied when none is; references learnt with it are kept', async () => {
    const player = newPlayer();
    await core.say(player, 'I want a human please');
    const { platformKey } = await core.chatOf(player.id);
    await core.events.agentJoined({ platformKey: platformKey!, agentName: 'alice', onlyIfNoAgent: true });
    await core.events.agentJoined({ platformKey: platformKey!, agentName: 'Alice P.', onlyIfNoAgent: true, platformRefs: { interactionSid: 'KD1' } });
    expect(core.player.texts(player.channelId).filter((t) => t.includes('has joined'))).toEqual(['alice from the support team has joined the chat.']);
    expect(await core.chatOf(player.id)).toMatchObject({ agentName: 'alice', platformRefs: expect.objectContaining({ interactionSid: 'KD1' }) });
  });
});
