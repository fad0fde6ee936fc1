import { eventually } from '../utils/eventually';
import { at, FakeTime, HOUR, T0 } from '../utils/fake-time';
import { createFlexStaffDeskApp, FlexStaffDeskTestApp } from './flex-staff-desk-app';


/**
 * The lifecycle of a chat that fell back from Flex to a staff thread: its timers act on the thread
 * (the platform carrying the chat), and Flex, which gave the chat up, is left alone.
 */
describe('stale-chat timers after a Flex fallback to the staff desk', () => {
  let t: FlexStaffDeskTestApp;
  const time = new FakeTime(T0);
  beforeAll(async () => {
    t = await createFlexStaffDeskApp();
    time.attach(t);
  });
  afterAll(() => t?.close());

  /** Flex ending a chat: its Interaction channel closed (the documented way), or the Conversation itself. */
  const flexCloses = (conversationSid: string) => [
    ...t.twilio.fake.calls('POST /v1/Interactions/{InteractionSid}/Channels/{Sid}'),
    ...t.twilio.fake.calls('POST /v1/Conversations/{Sid}').filter((r) => r.path === `/v1/Conversations/${conversationSid}` && r.params.State === 'closed'),
  ];

  it('the player stops answering the staff thread: reminded at 24 h, closed at 48 h once, the thread archived and locked, no close sent to Flex', async () => {
    const player = t.discord.user({ username: 'quietflex', globalName: 'Lou' });
    const sam = t.discord.user({ username: 'sam_staff', globalName: 'Sam' });
    const { caseNumber, flexChat } = await t.askFlex(player);
    await t.twilio.fake.workflowTimeout(flexChat.platformKey!);
    await t.dmContaining(player, 'No agent is free right now');
    const thread = await t.thread();
    await eventually(() => t.prisma.conversation.findFirst({ where: { id: flexChat.id, platform: 'discord-staff', platformKey: thread.id } }), 8000, 'the chat on the staff thread');

    t.guild.send({ channelId: thread.id, user: sam, roles: [t.staffRoleId], content: 'Can you send me your player id?' });
    await t.dmContaining(player, 'Can you send me your player id?');
    await eventually(async () => (await t.prisma.conversation.findUniqueOrThrow({ where: { id: flexChat.id } })).awaitingPlayerSince, 8000, 'the countdown');

    await time.travelTo(t, at(24 * HOUR));
    await t.dmContaining(player, 'Are you still there?');
    expect(t.guild.thread(thread.id).thread_metadata).toMatchObject({ archived: false, locked: false });
    await time.travelTo(t, at(48 * HOUR));
    await t.dmContaining(player, 'We closed this chat because we did not hear back');

    // As a close from the thread does: the thread says so, then it is archived and locked.
    const said = await t.threadMessageContaining(thread.id, 'closed automatically');
    expect(said.content).toBe('The chat closed automatically: the player did not answer for 48 hours.');
    await eventually(() => t.guild.thread(thread.id).thread_metadata.locked, 5000, 'the locked thread');
    expect(t.guild.thread(thread.id).thread_metadata).toMatchObject({ archived: true, locked: true });
    const chat = await t.prisma.conversation.findUniqueOrThrow({ where: { id: flexChat.id }, include: { case: true } });
    expect(chat).toMatchObject({ mode: 'CLOSED', case: { number: caseNumber, status: 'RESOLVED' } });

    // Later timers (the survey) change none of it: one reminder, one close, nothing to Flex.
    await time.travelTo(t, at(50 * HOUR));
    await t.dmContaining(player, 'How did we do?');
    expect(t.count(player, 'Are you still there?')).toBe(1);
    expect(t.count(player, 'We closed this chat')).toBe(1);
    expect(t.guild.messages(thread.id).filter((m) => m.content.includes('closed automatically'))).toHaveLength(1);
    expect(flexCloses(flexChat.platformKey!)).toHaveLength(0);
    // The thread says the chat ended: the staff channel gets no "closed" alert for it.
    expect(t.guild.messages(t.staffChannelId).filter((m) => m.content.includes(`Case #${caseNumber}: the chat with`))).toHaveLength(0);
  });
});
