import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { AGENT_BUTTON_ID } from '../../src/discord/help/agent-button';
import { CLAIM_BUTTON_ID, CLOSE_BUTTON_ID, TAKE_OVER_BUTTON_ID } from '../../src/discord/staff-desk/thread-render';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createStaffDeskApp, StaffDeskTestApp } from './staff-desk-app';

const png = (text: string) => Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), Buffer.from(text)]);

/** The Discord staff desk end to end: the real discord.js against the fake Discord, real Postgres. */
describe('staff desk: a help chat as a staff thread', () => {
  let t: StaffDeskTestApp;
  let player: APIUser;
  let sam: APIUser;
  let thread: { id: string; name: string };
  let opening: APIMessage;
  let caseNumber: number;

  beforeAll(async () => {
    t = await createStaffDeskApp();
    player = t.discord.user({ username: 'lea', globalName: 'Léa' });
    sam = t.discord.user({ username: 'sam_staff', globalName: 'Sam' });
  });
  afterAll(() => t?.close());

  const staffSays = (content: string, extra: { attachments?: ReturnType<StaffDeskTestApp['discord']['addAttachment']>[] } = {}) =>
    t.guild.send({ channelId: thread.id, user: sam, roles: [t.staffRoleId], content, ...extra });
  const click = async (customId: string, user: APIUser, roles: string[]) => {
    const interaction = t.discord.dispatchInteraction(t.discord.button({ customId, user, channelId: thread.id, message: opening, roles }));
    return t.discord.waitForReply(interaction, 8000);
  };
  const caseRow = () => t.prisma.case.findUniqueOrThrow({ where: { number: caseNumber }, include: { events: { orderBy: { id: 'asc' } } } });

  it('a player asking for a person opens a thread with the transcript, Claim and Close, and pings the staff role once', async () => {
    const helpme = t.discord.dispatchInteraction(t.discord.slashCommand({ name: 'helpme', user: player, locale: 'fr', options: { question: 'mes gemmes ont disparu' } }));
    await t.discord.waitForReply(helpme);
    await eventually(() => t.dms(player).length >= 2, 8000, 'the greeting and the bot answer');
    t.discord.dispatchInteraction(t.discord.button({ customId: AGENT_BUTTON_ID, user: player, locale: 'fr' }));
    const transfer = await t.dmContaining(player, 'Le dossier #');
    caseNumber = Number(/#(\d+)/.exec(transfer.content)![1]);

    const opened = await t.thread();
    thread = opened;
    expect(opened.name).toBe(`#${caseNumber} · Léa · fr`);
    expect(opened.type).toBe(12); // a private thread in the text staff channel
    opening = await eventually(() => t.guild.messages(opened.id)[0], 8000, 'the opening message');
    expect(opening.content).toContain(`<@&${t.staffRoleId}>`);
    const embed = opening.embeds[0];
    expect(embed.title).toContain(`Case #${caseNumber}`);
    expect(embed.description).toContain('mes gemmes ont disparu');
    expect(embed.fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Player', value: `<@${player.id}> (${player.id})` }), expect.objectContaining({ name: 'Language', value: 'French' })]));
    expect(JSON.stringify(opening.components)).toContain(CLAIM_BUTTON_ID);
    expect(JSON.stringify(opening.components)).toContain(CLOSE_BUTTON_ID);
    // Exactly one message may ping, and only the staff role.
    const posts = t.discord.requestsTo('/channels/{channel_id}/messages', 'POST').filter((r) => r.params.channel_id === opened.id);
    expect(posts.filter((r) => (r.body.allowed_mentions?.roles ?? []).length > 0).map((r) => r.body.allowed_mentions.roles)).toEqual([[t.staffRoleId]]);
    // The thread exists before the core records it as the chat's platform key.
    const conversation = await eventually(() => t.prisma.conversation.findFirst({ where: { playerId: player.id, platformKey: opened.id } }), 5000, 'the recorded hand-off');
    expect(conversation).toMatchObject({ platform: 'discord-staff', mode: 'AGENT_REQUESTED' });
  });

  it('Claim: the player is told once, the case is IN_PROGRESS with the staff member; a second person must confirm to take over', async () => {
    const reply = await click(CLAIM_BUTTON_ID, sam, [t.staffRoleId]);
    expect(reply.ephemeral).toBe(true);
    await t.dmContaining(player, 'Sam de l');
    expect(await caseRow()).toMatchObject({ status: 'IN_PROGRESS', assignee: 'Sam' });
    const again = await click(CLAIM_BUTTON_ID, sam, [t.staffRoleId]);
    expect(again.message.content).toContain('already have');

    const kim = t.discord.user({ username: 'kim', globalName: 'Kim' });
    const offer = await click(CLAIM_BUTTON_ID, kim, [t.staffRoleId]);
    expect(offer.message.content).toContain('Sam has this chat');
    expect(JSON.stringify(offer.message.components)).toContain(TAKE_OVER_BUTTON_ID);
    expect(t.dms(player).filter((m) => m.content.includes('a rejoint'))).toHaveLength(1);
    expect((await caseRow()).assignee).toBe('Sam');

    const outsider = t.discord.user({ username: 'random' });
    const refused = await click(CLAIM_BUTTON_ID, outsider, []);
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toContain('staff role');
  });

  it('staff text and an image reach the DM re-uploaded; the player’s image appears in the thread', async () => {
    const screenshot = t.discord.addAttachment({ filename: 'fix.png', contentType: 'image/png', data: png('staff image'), channelId: thread.id });
    staffSays('Voici la solution', { attachments: [screenshot] });
    const dm = await t.dmContaining(player, 'Voici la solution');
    expect(dm.content).toBe('**Support · Sam:** Voici la solution');
    expect(dm.attachments).toHaveLength(1);
    expect(dm.attachments[0].filename).toBe('fix.png');
    expect(dm.attachments[0].url).not.toBe(screenshot.url);
    const upload = t.discord.requestsTo('/channels/{channel_id}/messages', 'POST').find((r) => r.params.channel_id === dm.channel_id && r.files.length > 0)!;
    expect(upload.files[0].data.equals(png('staff image'))).toBe(true);

    const mine = t.discord.addAttachment({ filename: 'mine.png', contentType: 'image/png', data: png('player image') });
    t.discord.dispatchMessage({ user: player, content: 'merci, voici ma capture', attachments: [mine] });
    const relayed = await t.threadMessageContaining(thread.id, 'voici ma capture');
    expect(relayed.content).toBe('**Léa:** merci, voici ma capture');
    expect(relayed.attachments.map((a) => a.filename)).toEqual(['mine.png']);
    expect(relayed.attachments[0].url).not.toBe(mine.url);
  });

  it('an internal note never reaches the player; a non-staff message is not relayed; a redelivered message is relayed once', async () => {
    staffSays('!n vérifier son historique de remboursement');
    const outsider = t.discord.user({ username: 'lurker' });
    t.guild.send({ channelId: thread.id, user: outsider, roles: [], content: 'je ne suis pas du staff' });
    const replied = staffSays('Je regarde ça');
    t.guild.redeliver(replied);
    t.guild.redeliver(replied);
    await t.dmContaining(player, 'Je regarde ça');
    staffSays('barrière');
    await t.dmContaining(player, 'barrière');

    expect(t.dms(player).filter((m) => m.content.includes('Je regarde ça'))).toHaveLength(1);
    expect(t.dms(player).some((m) => m.content.includes('remboursement') || m.content.includes('pas du staff'))).toBe(false);
    const note = await eventually(async () => (await caseRow()).events.find((e) => e.type === 'NOTE'), 5000, 'the note');
    expect(note.actor).toBe('chat:discord-staff:Sam');
    expect(note.data).toMatchObject({ body: 'vérifier son historique de remboursement', public: false });
    const transcript = await t.request({ method: 'GET', url: `/api/cases/${caseNumber}/transcript`, headers: await t.keyFor(Role.LEAD) });
    const bodies = transcript.json().messages.map((m: { body: string }) => m.body);
    expect(bodies).toEqual(expect.arrayContaining(['Voici la solution', 'Je regarde ça']));
    expect(bodies.some((b: string) => b.includes('remboursement'))).toBe(false);
  });

  it('an edited or deleted staff reply changes the player’s copy', async () => {
    const typo = staffSays('Réessaie demain');
    const dm = await t.dmContaining(player, 'Réessaie demain');
    t.guild.edit(typo, 'Réessaie dans une heure');
    await eventually(() => t.discord.dmMessages(player.id).find((m) => m.id === dm.id)?.content === '**Support · Sam:** Réessaie dans une heure', 5000, 'the edited DM');
    t.guild.remove(typo);
    await eventually(() => !t.discord.dmMessages(player.id).some((m) => m.id === dm.id), 5000, 'the deleted DM');
  });

  it('a reply through the REST API is mirrored into the thread', async () => {
    const lead = await t.keyFor(Role.LEAD, 'Alex');
    const reply = await t.request({ method: 'POST', url: `/api/cases/${caseNumber}/messages`, headers: lead, payload: { body: 'Je confirme, remboursement en cours.' } });
    expect(reply.statusCode).toBe(201);
    const mirrored = await t.threadMessageContaining(thread.id, 'remboursement en cours');
    expect(mirrored.content).toContain('Support · Alex');
  });

  it('/snippet send answers in the player’s language, falling back to English', async () => {
    const lead = await t.keyFor(Role.LEAD);
    const created = await t.request({ method: 'POST', url: '/api/snippets', headers: lead, payload: { name: 'refund', texts: { en: 'Refunds take 5 days.', fr: 'Les remboursements prennent 5 jours.' } } });
    expect(created.statusCode).toBe(201);
    await t.request({ method: 'POST', url: '/api/snippets', headers: lead, payload: { name: 'hours', texts: { en: 'We answer from 9 to 18 UTC.' } } });
    const send = (name: string) =>
      t.discord.waitForReply(
        t.discord.dispatchInteraction(t.discord.slashCommand({ name: 'snippet', subcommand: 'send', options: { name }, user: sam, roles: [t.staffRoleId], channelId: thread.id })),
        8000,
      );
    await send('refund');
    expect((await t.dmContaining(player, 'Les remboursements')).content).toBe('**Support · Sam:** Les remboursements prennent 5 jours.');
    await send('hours');
    await t.dmContaining(player, 'We answer from 9 to 18 UTC.');
  });

  it('/snippet add, edit, list and remove for the staff role only', async () => {
    const run = async (subcommand: string, options: Record<string, string>, roles = [t.staffRoleId]) =>
      (await t.discord.waitForReply(t.discord.dispatchInteraction(t.discord.slashCommand({ name: 'snippet', subcommand, options, user: sam, roles, channelId: thread.id })), 8000)).message.content;
    expect(await run('add', { name: 'bye', text: 'Have a nice day!' })).toContain('`bye` saved');
    expect(await run('edit', { name: 'bye', text: 'Bonne journée !', language: 'fr' })).toContain('en, fr');
    expect(await run('list', {})).toContain('`bye` (en, fr)');
    expect(await t.prisma.snippet.findUniqueOrThrow({ where: { name: 'bye' } })).toMatchObject({ texts: { en: 'Have a nice day!', fr: 'Bonne journée !' }, updatedBy: 'discord-staff:Sam' });
    expect(await run('remove', { name: 'bye' }, [])).toContain('staff role');
    expect(await run('remove', { name: 'bye' })).toContain('removed');
    expect(await t.prisma.snippet.count({ where: { name: 'bye' } })).toBe(0);
  });

  it('/close tells the player, keeps the reason, archives and locks the thread; the next DM opens a new chat and thread linking the case', async () => {
    const interaction = t.discord.dispatchInteraction(t.discord.slashCommand({ name: 'close', options: { reason: 'remboursé' }, user: sam, roles: [t.staffRoleId], channelId: thread.id }));
    const reply = await t.discord.waitForReply(interaction, 8000);
    expect(reply.message.content).toContain('Closed by Sam: remboursé');
    await t.dmContaining(player, 'Cette conversation est terminée');
    await eventually(() => t.guild.thread(thread.id).thread_metadata.locked, 5000, 'the locked thread');
    expect(t.guild.thread(thread.id).thread_metadata).toMatchObject({ archived: true, locked: true });
    const events = (await caseRow()).events;
    expect(events.find((e) => (e.data as { body?: string }).body === 'Chat closed: remboursé')?.actor).toBe('chat:discord-staff:Sam');

    const old = await t.prisma.conversation.findFirstOrThrow({ where: { playerId: player.id }, orderBy: { createdAt: 'desc' } });
    expect(old.mode).toBe('CLOSED');
    t.discord.dispatchMessage({ user: player, content: 'je veux parler à un humain' });
    await eventually(async () => (await t.prisma.conversation.count({ where: { playerId: player.id } })) === 2, 5000, 'a new chat');
    const next = await t.thread(1);
    expect(next.id).not.toBe(thread.id);
    const first = await eventually(() => t.guild.messages(next.id)[0], 8000, 'the new opening message');
    expect(first.embeds[0].fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Previous case', value: `#${caseNumber}` })]));
  });
});
