import { ChannelType, InteractionResponseType, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { Role } from '../../src/generated/prisma/enums';
import { CaseEventsBus } from '../../src/cases/case-events.bus';
import { BoardSync } from '../../src/cases/reports/board-sync';
import { ReportBoard } from '../../src/cases/reports/report-board';
import { VotesService } from '../../src/cases/reports/votes.service';
import { JobQueue } from '../../src/queue/job-queue';
import { snowflake } from '../fakes/discord';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

/** A real 1×1 PNG: the app checks the bytes, not only the declared type. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/**
 * The "Done when": forms, forum posts with status tags, a duplicate offered and voted for
 * instead, a merge, and resolving the master telling reporter, opted-in voter and merged reporter
 * once each; all through the real discord.js against the fake Discord.
 */
describe('Community reports: forms, forum posts, duplicates, votes and merges', () => {
  const guildId = snowflake();
  let t: DiscordTestApp;
  let lead: { authorization: string };
  let ids: { bugChannel: string; featureChannel: string; bugForum: string; featureForum: string };

  beforeAll(async () => {
    t = await createDiscordTestApp(
      (fake) => ({ DISCORD_BUG_FORUM_ID: fake.channel('bug-reports'), DISCORD_FEATURE_FORUM_ID: fake.channel('ideas'), QUEUE_POLL_MS: '50' }),
      {
        guilds: [
          {
            id: guildId,
            channels: [
              { name: 'bug-report' },
              { name: 'feature-request' },
              // The bot may manage this forum (so it creates the status tags), post in it and lock posts.
              { name: 'bug-reports', type: ChannelType.GuildForum, permissionOverwrites: [{ id: guildId, type: 0, allow: String(PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ManageThreads), deny: '0' }] },
              // Here it may neither manage nor post: tags are reported missing and reports fall back to the channel.
              { name: 'ideas', type: ChannelType.GuildForum, permissionOverwrites: [{ id: guildId, type: 0, allow: '0', deny: String(PermissionFlagsBits.SendMessages) }] },
            ],
          },
        ],
      },
    );
    ids = { bugChannel: t.discord.channel('bug-report'), featureChannel: t.discord.channel('feature-request'), bugForum: t.discord.channel('bug-reports'), featureForum: t.discord.channel('ideas') };
    lead = await t.keyFor(Role.LEAD);
    // Start-up: the missing status tags are created in the forum the bot may manage.
    await t.discord.waitFor((r) => r.method === 'PATCH' && r.path === `/channels/${ids.bugForum}` && r.status === 200);
    // The forums are checked one after the other (REST calls are spaced by the shared budget).
    await t.discord.waitFor((r) => r.method === 'GET' && r.path === `/channels/${ids.featureForum}`);
  });

  afterAll(async () => {
    await t?.close();
  });

  // Case-change listeners run after the response; then the queue delivers what they stored.
  const drain = async () => {
    await t.app.get(CaseEventsBus).settled();
    await t.app.get(JobQueue).drain(20_000);
  };
  const dispatch = (payload: ReturnType<DiscordTestApp['discord']['slashCommand']>) => t.discord.dispatchInteraction(payload);
  const modalOf = async (interaction: { token: string }) => {
    await t.discord.waitFor((r) => r.route === '/interactions/{interaction_id}/{interaction_token}/callback' && r.params.interaction_token === interaction.token);
    return t.discord.interactions.get(interaction.token)!.modal!;
  };
  const tagsOf = (forumId: string) => (t.discord.channels.get(forumId)!.payload as unknown as { available_tags: { id: string; name: string }[] }).available_tags;
  const tagId = (name: string) => tagsOf(ids.bugForum).find((tag) => tag.name === name)!.id;
  const thread = (id: string) => t.discord.channels.get(id)!.payload as unknown as { applied_tags: string[]; name: string; thread_metadata: { archived: boolean; locked: boolean } };
  const starter = (threadId: string) => t.discord.channels.get(threadId)!.messages[0];
  const caseRow = (reporterId: string) => t.prisma.case.findFirstOrThrow({ where: { reporterId }, orderBy: { number: 'desc' } });

  /** /bug, then the form: returns the modal submit's payload. */
  async function fileBug(user: ReturnType<DiscordTestApp['discord']['user']>, values: Record<string, string>, options: { locale?: string; screenshot?: unknown } = {}) {
    const command = dispatch(t.discord.slashCommand({ name: 'bug', user, channelId: ids.bugChannel, locale: options.locale, options: options.screenshot ? { screenshot: options.screenshot as never, severity: 'high' } : {} }));
    const modal = await modalOf(command);
    return { modal, submit: dispatch(t.discord.modalSubmit({ customId: modal.custom_id, values, user, channelId: ids.bugChannel, locale: options.locale })) };
  }

  const ANA = { title: "Le jeu plante quand j'ouvre la carte", steps: "J'appuie sur M dans la forêt et le jeu plante, retour au bureau.", expected: "La carte s'ouvre.", platform: 'PC, Windows 11', version: '1.4.2' };
  const MAP_CRASH = { title: 'Game crashes when opening the map', steps: 'I press M in the forest and the game crashes to the desktop.', expected: 'The map opens.', platform: 'PC, Windows 11', version: '1.4.2' };

  it('files a bug through the localized form with a screenshot; the forum post appears with the Open tag; a second player votes instead; a merge; resolving tells everyone once', async () => {
    expect(tagsOf(ids.bugForum).map((tag) => tag.name)).toEqual(['Open', 'In progress', 'Waiting', 'Resolved', 'Closed']);
    // The forum it may not manage is looked at, not changed (the missing tags are logged).
    expect(t.discord.requests.filter((r) => r.path === `/channels/${ids.featureForum}`).map((r) => r.method)).toEqual(['GET']);

    // 1. Ana files through the form, in French, with a screenshot.
    const ana = t.discord.user({ username: 'ana' });
    const screenshot = t.discord.addAttachment({ filename: 'crash.png', contentType: 'image/png', data: PNG, channelId: ids.bugChannel });
    const first = await fileBug(ana, ANA, { locale: 'fr', screenshot });
    expect(first.modal.title).toBe('Signaler un bug');
    const labels = first.modal.components.map((row: { components: { custom_id: string; label: string }[] }) => [row.components[0].custom_id, row.components[0].label]);
    expect(labels).toEqual([
      ['title', 'Titre'],
      ['steps', "Que s'est-il passé ? Étapes pour reproduire"],
      ['expected', 'Que pensais-tu voir ?'],
      ['platform', 'Appareil ou plateforme'],
      ['version', 'Version du jeu (facultatif)'],
    ]);
    const reply = await t.discord.waitForReply(first.submit);
    expect(reply.ephemeral).toBe(true);
    const master = await caseRow(ana.id);
    expect(reply.message.content).toBe(`Merci ! Ton signalement est le dossier #${master.number} ; son post apparaît dans <#${ids.bugForum}> dans un instant.`);
    expect(master).toMatchObject({ type: 'BUG', priority: 'HIGH', reportLanguage: 'fr', description: ANA.steps, votes: 1 });
    expect(master.fields).toEqual(ANA);
    expect(await t.prisma.caseAttachment.count({ where: { caseId: master.id } })).toBe(1);

    await drain();
    const masterThread = (await t.prisma.case.findUniqueOrThrow({ where: { id: master.id } })).boardThreadId!;
    expect(thread(masterThread)).toMatchObject({ name: `#${master.number} ${ANA.title}`, applied_tags: [tagId('Open')] });
    // The post is public: in the server's language (en-US here), whatever the reporter's.
    expect(starter(masterThread).embeds[0].fields).toEqual(expect.arrayContaining([{ name: 'Device or platform', value: 'PC, Windows 11', inline: true }]));
    expect((starter(masterThread).components![0] as { components: { label: string }[] }).components[0].label).toBe('Me too · 1');

    // 2. Bruno files the same bug in other words: he is offered Ana's and votes for it instead.
    const bruno = t.discord.user({ username: 'bruno' });
    const before = await t.prisma.case.count();
    const second = await fileBug(bruno, { title: 'Crash en ouvrant la carte', steps: "Quand j'ouvre la carte dans la forêt, le jeu plante à chaque fois.", expected: 'Pas de crash', platform: 'PS5' }, { locale: 'fr' });
    const offer = await t.discord.waitForReply(second.submit);
    expect(offer.ephemeral).toBe(true);
    expect(offer.message.content).toContain("Est-ce l'un de ceux-ci ?");
    expect(offer.message.content).toContain(`**#${master.number}**`);
    const buttons = (offer.message.components![0] as { components: { custom_id: string; label: string }[] }).components;
    const voteButton = buttons.find((b) => b.custom_id.endsWith(`/${master.number}`))!;
    const click = t.discord.dispatchInteraction(t.discord.button({ customId: voteButton.custom_id, user: bruno, message: offer.message, channelId: ids.bugChannel, guildId }));
    await t.discord.waitFor((r) => r.params.interaction_token === click.token && r.body?.type === InteractionResponseType.UpdateMessage);
    const voted = t.discord.interactions.get(click.token)!.message!;
    expect(voted.content).toBe(`Compté : le dossier #${master.number} a maintenant 2 vote(s).`);
    expect(await t.prisma.case.count()).toBe(before);
    // He opts in to be told when it is resolved.
    const notify = (voted.components![0] as { components: { custom_id: string }[] }).components[0].custom_id;
    const optIn = t.discord.dispatchInteraction(t.discord.button({ customId: notify, user: bruno, message: voted, channelId: ids.bugChannel, guildId }));
    await t.discord.waitFor((r) => r.params.interaction_token === optIn.token && r.status === 204);

    await drain();
    expect((starter(masterThread).components![0] as { components: { label: string }[] }).components[0].label).toBe('Me too · 2');

    // 3. Carla files a third duplicate anyway; a lead merges it into Ana's.
    const carla = t.discord.user({ username: 'carla' });
    const third = await fileBug(carla, { title: 'La carte fait planter le jeu', steps: "Le jeu plante dès que j'ouvre la carte près de la forêt.", expected: 'Une carte', platform: 'Switch' }, { locale: 'fr' });
    const offered = await t.discord.waitForReply(third.submit);
    const fileAnyway = (offered.message.components![0] as { components: { custom_id: string }[] }).components.find((b) => b.custom_id.startsWith('report/file/'))!;
    const anyway = t.discord.dispatchInteraction(t.discord.button({ customId: fileAnyway.custom_id, user: carla, message: offered.message, channelId: ids.bugChannel, guildId }));
    const filed = await t.discord.waitFor((r) => r.method === 'PATCH' && r.params.webhook_token === anyway.token);
    expect(filed.body.content).toMatch(/^Merci ! Ton signalement est le dossier #\d+/);
    await drain();
    const dup = await caseRow(carla.id);
    expect(dup.boardThreadId).toBeTruthy();

    const merged = await t.request({ method: 'POST', url: `/api/cases/${dup.number}/merge`, headers: lead, payload: { into: master.number } });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ duplicate: { status: 'CLOSED', mergedInto: master.number }, master: { votes: 3 } });
    await drain();
    expect(thread(dup.boardThreadId!)).toMatchObject({ applied_tags: [tagId('Closed')], thread_metadata: { archived: true, locked: true } });
    const dupLines = t.discord.channels.get(dup.boardThreadId!)!.messages.map((m) => m.content);
    expect(dupLines).toContain(`This report is a duplicate of case #${master.number} (<#${masterThread}>): votes and news continue there.`);
    expect(t.discord.dmMessages(carla.id)).toHaveLength(0); // told once, when the master is resolved

    const viewer = await t.keyFor(Role.VIEWER);
    const voters = await t.request({ method: 'GET', url: `/api/cases/${master.number}/voters`, headers: viewer });
    expect(voters.json()).toMatchObject({ votes: 3 });
    expect(voters.json().voters.map((v: { id: string; notify: boolean }) => [v.id, v.notify])).toEqual([
      [ana.id, false],
      [bruno.id, true],
      [carla.id, true],
    ]);

    // 4. Resolving the master: new tag, a status line, and each of Ana, Bruno and Carla told once.
    const resolved = await t.request({ method: 'PATCH', url: `/api/cases/${master.number}`, headers: lead, payload: { status: 'RESOLVED' } });
    expect(resolved.statusCode).toBe(200);
    await drain();
    expect(thread(masterThread).applied_tags).toEqual([tagId('Resolved')]);
    expect(t.discord.channels.get(masterThread)!.messages.map((m) => m.content)).toContain('Status: **Resolved**');
    for (const user of [ana, bruno, carla]) expect(t.discord.dmMessages(user.id)).toHaveLength(1);
    expect(t.discord.dmMessages(carla.id)[0].content).toContain(`le dossier #${master.number}`);
    // The same notice run again (a crash after the send, before the job was recorded) is not a second DM: same nonce.
    const done = await t.prisma.job.findFirstOrThrow({ where: { kind: 'reports.resolved', payload: { path: ['userId'], equals: bruno.id } } });
    await t.app.get(JobQueue).enqueue('reports.resolved', done.payload as never);
    await drain();
    expect(t.discord.dmMessages(bruno.id)).toHaveLength(1);
  });

  it('a post made by a try whose answer was lost is found again, not made twice', async () => {
    const row = await t.prisma.case.findFirstOrThrow({ where: { type: 'BUG', boardThreadId: { not: null }, mergedIntoNumber: null }, orderBy: { number: 'asc' } });
    const posts = () => t.discord.requestsTo('/channels/{channel_id}/threads', 'POST').filter((r) => r.status === 201).length;
    const before = posts();
    // As after a crash between Discord's answer and recording it: attempted, nothing recorded.
    await t.prisma.case.update({ where: { id: row.id }, data: { boardChannelId: null, boardThreadId: null, boardMessageId: null } });
    await t.app.get(BoardSync).sync(row.number);
    expect(posts()).toBe(before);
    expect(await t.prisma.case.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ boardThreadId: row.boardThreadId, boardMessageId: row.boardThreadId });
  });

  it('sorts by votes, lists voters only for API keys, and refuses bad merges with a clear 4xx', async () => {
    const list = await t.request({ method: 'GET', url: '/api/cases?sort=-votes&type=BUG', headers: lead });
    expect(list.statusCode).toBe(200);
    const votes = list.json().items.map((c: { votes: number }) => c.votes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect((await t.request({ method: 'GET', url: '/api/cases/1/voters' })).statusCode).toBe(401);
    const self = await t.request({ method: 'POST', url: '/api/cases/1/merge', headers: lead, payload: { into: 1 } });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors ?? self.json()).toBeTruthy();
    const bad = await t.request({ method: 'POST', url: '/api/cases/1/merge', headers: lead, payload: { into: 'two' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('into');
    const agent = await t.keyFor(Role.AGENT);
    expect((await t.request({ method: 'POST', url: '/api/cases/1/merge', headers: agent, payload: { into: 2 } })).statusCode).toBe(403);
  });

  it.each([
    ['empty', '', 'en-US', '"Title" must be 3 to 90 characters long (yours has 0). Nothing was sent: run the command again.'],
    ['too long', 'x'.repeat(91), 'de', '„Titel“ muss 3 bis 90 Zeichen lang sein (deins hat 91). Nichts wurde gesendet: führe den Befehl erneut aus.'],
  ])('a form with an %s title gets a private message in the player language and files nothing', async (_, title, locale, message) => {
    const before = await t.prisma.case.count();
    const { submit } = await fileBug(t.discord.user(), { ...MAP_CRASH, title }, { locale });
    const reply = await t.discord.waitForReply(submit);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe(message);
    expect(await t.prisma.case.count()).toBe(before);
  });

  it('a forum the bot cannot post in loses nothing: the case is filed and its embed goes to the channel', async () => {
    const dana = t.discord.user({ username: 'dana' });
    const command = dispatch(t.discord.slashCommand({ name: 'new_feature', user: dana, channelId: ids.featureChannel }));
    const modal = await modalOf(command);
    expect(modal.components.map((row: { components: { custom_id: string }[] }) => row.components[0].custom_id)).toEqual(['title', 'idea', 'why']);
    const submit = dispatch(t.discord.modalSubmit({ customId: modal.custom_id, values: { title: 'Pet companions', idea: 'Let players adopt a pet that follows them.', why: 'It makes the world feel alive.' }, user: dana, channelId: ids.featureChannel }));
    expect((await t.discord.waitForReply(submit)).message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    await drain();
    const row = await caseRow(dana.id);
    expect(row).toMatchObject({ type: 'FEATURE', boardChannelId: ids.featureChannel, boardThreadId: null });
    const refused = t.discord.requestsTo('/channels/{channel_id}/threads', 'POST').filter((r) => r.params.channel_id === ids.featureForum);
    expect(refused.map((r) => r.status)).toEqual([403]);
    const posted = t.discord.channels.get(ids.featureChannel)!.messages.find((m) => m.id === row.boardMessageId)!;
    expect(posted.embeds[0].title).toBe(`Case #${row.number}: Pet companions`);
    expect((posted.components![0] as { components: { label: string }[] }).components[0].label).toBe('Upvote · 1');

    // Votes on the channel message: one per user, a second click takes it back.
    const eve = t.discord.user();
    const vote = () => t.discord.dispatchInteraction(t.discord.button({ customId: `report/vote/${row.number}`, user: eve, message: posted, guildId }));
    expect((await t.discord.waitForReply(vote())).message.content).toBe(`Counted: case #${row.number} now has 2 vote(s).`);
    expect((await t.discord.waitForReply(vote())).message.content).toBe(`Your vote on case #${row.number} is removed (1 left).`);
  });

  it('coalesces a storm of votes into a few edits of the post', async () => {
    const row = await t.prisma.case.findFirstOrThrow({ where: { type: 'FEATURE' } });
    const editsBefore = t.discord.requestsTo('/channels/{channel_id}/messages/{message_id}', 'PATCH').length;
    const clicks = Array.from({ length: 12 }, () => t.discord.dispatchInteraction(t.discord.button({ customId: `report/vote/${row.number}`, user: t.discord.user(), channelId: ids.featureChannel, guildId })));
    await Promise.all(clicks.map((c) => t.discord.waitForReply(c, 15_000)));
    await drain();
    const edits = t.discord.requestsTo('/channels/{channel_id}/messages/{message_id}', 'PATCH').length - editsBefore;
    expect(edits).toBeGreaterThanOrEqual(1);
    expect(edits).toBeLessThan(12 / 2);
    const posted = t.discord.channels.get(ids.featureChannel)!.messages.find((m) => m.id === row.boardMessageId)!;
    expect((posted.components![0] as { components: { label: string }[] }).components[0].label).toBe('Upvote · 13');
  });

  it('an edit of an older count that lands last is followed by one of the current count', async () => {
    const row = await t.prisma.case.findFirstOrThrow({ where: { type: 'FEATURE' } });
    const board = t.app.get(ReportBoard, { strict: false });
    const votes = t.app.get(VotesService, { strict: false });
    const sync = t.app.get(BoardSync, { strict: false });
    const voter = () => ({ id: snowflake(), name: 'voter', locale: 'en' });
    // The first sync reads the case, then its edit is held until a newer sync has edited the post.
    const edit = board.refresh.bind(board);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const holding = new Promise<void>((resolve) => (reached = resolve));
    const refresh = jest.spyOn(board, 'refresh').mockImplementationOnce(async (ref, view) => {
      reached();
      await gate;
      await edit(ref, view);
    });
    try {
      await votes.add(row.number, voter());
      const older = sync.sync(row.number);
      await holding;
      const { votes: latest } = await votes.add(row.number, voter());
      await sync.sync(row.number);
      release();
      await older;
      await drain();
      const posted = t.discord.channels.get(ids.featureChannel)!.messages.find((m) => m.id === row.boardMessageId)!;
      expect((posted.components![0] as { components: { label: string }[] }).components[0].label).toBe(`Upvote · ${latest}`);
    } finally {
      refresh.mockRestore();
    }
  });
});
