import { eventually } from '../utils/eventually';
import { at, FakeTime, HOUR, T0 } from '../utils/fake-time';
import { createStaffDeskApp, StaffDeskTestApp } from './staff-desk-app';


/**
 * The auto-close of a staff-thread chat when Discord fails after the chat closed in the database:
 * the close is retried from the queue until the thread is archived, with one line in the thread,
 * one notice and one survey for the player.
 */
describe('staff desk: an auto-close that Discord fails at first', () => {
  let t: StaffDeskTestApp;
  const time = new FakeTime(T0);
  beforeAll(async () => {
    t = await createStaffDeskApp({ env: { QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '200', QUEUE_POLL_MS: '20' } });
    time.attach(t);
  });
  afterAll(() => t?.close());

  const count = (text: string, player: Parameters<StaffDeskTestApp['dms']>[0]) => t.dms(player).filter((m) => m.content.includes(text)).length;

  it('archiving the thread fails (Discord 502s through all of discord.js\'s retries): the retried job archives it, the thread says so once', async () => {
    const player = t.discord.user({ username: 'quietdesk', globalName: 'Noa' });
    const sam = t.discord.user({ username: 'sam_staff', globalName: 'Sam' });
    t.discord.dispatchMessage({ user: player, content: 'I want to talk to a human' });
    await t.dmContaining(player, 'has been created for you');
    const thread = await t.thread();
    const chat = await eventually(() => t.prisma.conversation.findFirst({ where: { playerId: player.id, platformKey: thread.id } }), 8000, 'the chat on its thread');
    t.guild.send({ channelId: thread.id, user: sam, roles: [t.staffRoleId], content: 'Can you send me your player id?' });
    await t.dmContaining(player, 'Can you send me your player id?');
    await eventually(async () => (await t.prisma.conversation.findUniqueOrThrow({ where: { id: chat.id } })).awaitingPlayerSince, 8000, 'the countdown');
    await time.travelTo(t, at(24 * HOUR));
    await t.dmContaining(player, 'Are you still there?');

    t.discord.failNext({ method: 'PATCH', route: '/channels/{channel_id}' }, { status: 502, times: 4 });
    await time.travelTo(t, at(48 * HOUR));
    await t.dmContaining(player, 'We closed this chat because we did not hear back');
    await eventually(() => t.guild.thread(thread.id).thread_metadata.locked, 8000, 'the locked thread');
    expect(t.guild.thread(thread.id).thread_metadata).toMatchObject({ archived: true, locked: true });
    const job = await eventually(() => t.prisma.job.findFirst({ where: { kind: 'chat.closed', dedupeKey: `chat.closed:${chat.id}:platform`, status: 'DONE' } }), 8000, 'the close job');
    expect(job.attempts).toBe(2);
    // The retry posted the line again under the same nonce and got Discord's first one back.
    const closeLines = t.discord.requestsTo('/channels/{channel_id}/messages', 'POST').filter((r) => r.params.channel_id === thread.id && String(r.body?.content).includes('closed automatically'));
    expect(closeLines).toHaveLength(2);
    expect(closeLines[1].body.nonce).toBe(closeLines[0].body.nonce);
    expect(t.guild.messages(thread.id).filter((m) => m.content.includes('closed automatically'))).toHaveLength(1);

    await time.travelTo(t, at(50 * HOUR));
    await t.dmContaining(player, 'How did we do?');
    expect(count('We closed this chat', player)).toBe(1);
    expect(count('How did we do?', player)).toBe(1);
    expect(count('Are you still there?', player)).toBe(1);
    expect(await t.prisma.conversation.findUniqueOrThrow({ where: { id: chat.id }, include: { case: true } })).toMatchObject({ mode: 'CLOSED', case: { status: 'RESOLVED' } });
  });
});
