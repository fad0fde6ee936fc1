import { Role } from '../../src/generated/prisma/enums';
import { JobQueue } from '../../src/queue/job-queue';
import { eventually } from '../utils/eventually';
import { createFlexStaffDeskApp, FlexStaffDeskTestApp } from './flex-staff-desk-app';

/** Flex and the staff desk on: a chat nobody accepts in Flex (workflow timeout) opens a staff thread. */
describe('Flex falls back to the Discord staff desk', () => {
  let t: FlexStaffDeskTestApp;
  beforeAll(async () => (t = await createFlexStaffDeskApp()));
  afterAll(() => t?.close());

  it('the timed-out chat gets a thread with the transcript, the player is told once, and a staff reply reaches them by DM', async () => {
    const player = t.discord.user({ username: 'nobodyflex', globalName: 'Zoé' });
    const sam = t.discord.user({ username: 'sam_staff', globalName: 'Sam' });
    await t.discord.waitForReply(t.discord.dispatchInteraction(t.discord.slashCommand({ name: 'helpme', user: player, locale: 'fr' })));
    const { caseNumber, flexChat } = await t.askFlex(player, 'je veux parler à un conseiller', 'Je te transfère');
    // While Flex carries the chat the staff channel gets an alert, not a thread.
    await eventually(() => t.guild.messages(t.staffChannelId).find((m) => m.content.includes(`Case #${caseNumber}`)), 8000, 'the waiting alert');
    expect(t.guild.threadsIn(t.staffChannelId)).toHaveLength(0);

    await t.twilio.fake.workflowTimeout(flexChat.platformKey!);
    await t.dmContaining(player, "Aucun conseiller n'est disponible");
    const thread = await t.thread();
    expect(thread.name).toBe(`#${caseNumber} · Zoé · fr`);
    const opening = await eventually(() => t.guild.messages(thread.id)[0], 8000, 'the opening message');
    expect(opening.content).toContain(`<@&${t.staffRoleId}>`);
    expect(opening.embeds[0].description).toContain('je veux parler à un conseiller');
    const moved = await eventually(() => t.prisma.conversation.findFirst({ where: { id: flexChat.id, platformKey: thread.id } }), 8000, 'the recorded thread');
    expect(moved).toMatchObject({ platform: 'discord-staff', mode: 'AGENT_REQUESTED' });
    await t.app.get(JobQueue).drain();
    expect(t.count(player, "Aucun conseiller n'est disponible")).toBe(1); // timeout and cancel: one notice
    expect(t.guild.threadsIn(t.staffChannelId)).toHaveLength(1);

    // The player's next message is posted in the thread, not in the abandoned Flex chat.
    const flexMessages = t.twilio.fake.calls('POST /v1/Conversations/{ConversationSid}/Messages').length;
    t.discord.dispatchMessage({ user: player, content: 'toujours là ?' });
    expect((await t.threadMessageContaining(thread.id, 'toujours là ?')).content).toBe('**Zoé:** toujours là ?');
    await t.app.get(JobQueue).drain();
    expect(t.twilio.fake.calls('POST /v1/Conversations/{ConversationSid}/Messages').length).toBe(flexMessages);

    t.guild.send({ channelId: thread.id, user: sam, roles: [t.staffRoleId], content: 'Bonjour Zoé, je regarde ton dossier.' });
    await t.dmContaining(player, 'je regarde ton dossier');
    const chat = await eventually(async () => {
      const row = await t.prisma.conversation.findUniqueOrThrow({ where: { id: flexChat.id } });
      return row.mode === 'AGENT' ? row : undefined;
    }, 8000, 'the staff member with the player');
    expect(chat).toMatchObject({ platform: 'discord-staff', agentName: 'Sam', platformKey: thread.id });
    // A lead answering through the REST API: the player gets it, the thread shows it (not the abandoned Flex chat).
    const reply = await t.request({ method: 'POST', url: `/api/cases/${caseNumber}/messages`, headers: await t.keyFor(Role.LEAD, 'Misty'), payload: { body: 'Misty ici, on regarde aussi.' } });
    expect(reply.statusCode).toBeLessThan(300);
    await t.dmContaining(player, 'on regarde aussi');
    expect((await t.threadMessageContaining(thread.id, 'on regarde aussi')).content).toContain('(from another desk)');
    const helpCase = await t.prisma.case.findUniqueOrThrow({ where: { number: caseNumber } });
    expect(helpCase.status).not.toBe('CLOSED');
    const transcript = await t.request({ method: 'GET', url: `/api/cases/${caseNumber}/transcript`, headers: await t.keyFor(Role.LEAD) });
    expect(transcript.json().messages.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['je veux parler à un conseiller', 'Bonjour Zoé, je regarde ton dossier.']));
  });

  it('Flex refuses the hand-off: the thread opens at once, and the role is pinged once (no extra channel alert)', async () => {
    const player = t.discord.user({ username: 'flexdown', globalName: 'Noa' });
    t.twilio.fake.fail('POST /v1/Interactions', 400, 1, { body: { code: 20001, message: 'Invalid workflow', status: 400 } });
    t.discord.dispatchMessage({ user: player, content: 'can I talk to a live agent please' });
    const transfer = await t.dmContaining(player, 'Transferring you');
    const caseNumber = Number(/#(\d+)/.exec(transfer.content)![1]);
    const thread = await t.thread(1);
    expect(thread.name).toBe(`#${caseNumber} · Noa · en`);
    const chat = await eventually(() => t.prisma.conversation.findFirst({ where: { playerId: player.id, platformKey: thread.id } }), 8000, 'the recorded thread');
    expect(chat).toMatchObject({ platform: 'discord-staff', mode: 'AGENT_REQUESTED' });
    // The player's messages are handled in order: once this one is in the thread, the hand-off (and its alerts) is done.
    t.discord.dispatchMessage({ user: player, content: 'hello?' });
    await t.threadMessageContaining(thread.id, 'hello?');
    const pings = t.discord
      .requestsTo('/channels/{channel_id}/messages', 'POST')
      .filter((r) => [t.staffChannelId, thread.id].includes(r.params.channel_id) && String(r.body.content ?? '').includes(`#${caseNumber}`) && (r.body.allowed_mentions?.roles ?? []).length > 0);
    expect(pings.map((r) => r.params.channel_id)).toEqual([thread.id]);
  });
});
