import { ApplicationCommandOptionType, GatewayIntentBits, GatewayOpcodes, InteractionContextType, InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { Role } from '../../src/generated/prisma/enums';
import { JobQueue } from '../../src/queue/job-queue';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

/** A real 1×1 PNG: the app checks the bytes, not only the declared type. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const MAX_SCREENSHOT = 64 * 1024;

describe('Discord slash commands: /bug, /new_feature, /case', () => {
  let t: DiscordTestApp;
  let bugChannel: string;
  let featureChannel: string;
  let general: string;

  beforeAll(async () => {
    t = await createDiscordTestApp((fake) => ({
      DISCORD_BUG_CHANNEL_IDS: fake.channel('bug-report'),
      DISCORD_FEATURE_CHANNEL_IDS: fake.channel('feature-request'),
      DISCORD_ATTACHMENT_MAX_BYTES: String(MAX_SCREENSHOT),
    }));
    bugChannel = t.discord.channel('bug-report');
    featureChannel = t.discord.channel('feature-request');
    general = t.discord.channel('general');
  });

  afterAll(async () => {
    await t?.close();
  });

  const caseCount = () => t.prisma.case.count();
  const run = (input: Parameters<DiscordTestApp['discord']['slashCommand']>[0]) => t.discord.dispatchInteraction(t.discord.slashCommand(input));
  const callbackOf = (interaction: { id: string; token: string }) =>
    t.discord.waitFor((r) => r.route === '/interactions/{interaction_id}/{interaction_token}/callback' && r.params.interaction_token === interaction.token);
  const drain = () => t.app.get(JobQueue).drain(20_000);

  /**
   * /bug or /new_feature, then its form filled in (title and description go to the form, the
   * other options stay on the command). Returns the interaction whose answer the player sees: the
   * command's when it was refused before the form, else the form's.
   */
  async function report(input: Parameters<typeof run>[0]) {
    const { title, description, ...options } = (input.options ?? {}) as Record<string, never>;
    const command = run({ ...input, options });
    const callback = await callbackOf(command);
    if (callback.body?.type !== InteractionResponseType.Modal) return command;
    const values: Record<string, string> =
      input.name === 'bug' ? { title, steps: description, expected: 'It just works.', platform: 'PC' } : { title, idea: description, why: 'It would make the game better.' };
    return t.discord.dispatchInteraction(t.discord.modalSubmit({ customId: callback.body.data.custom_id, values, user: input.user, channelId: input.channelId, locale: input.locale }));
  }

  /** Files a report all the way (past the duplicate suggestions, if any); resolves with the case row. */
  async function filed(input: Parameters<typeof run>[0]) {
    const submit = await report(input);
    const reply = await t.discord.waitForReply(submit);
    const anyway = (reply.message.components?.[0] as { components: { custom_id: string }[] } | undefined)?.components.find((b) => b.custom_id.startsWith('report/file/'));
    if (anyway) {
      const click = t.discord.dispatchInteraction(t.discord.button({ customId: anyway.custom_id, user: input.user, message: reply.message, channelId: input.channelId }));
      await t.discord.waitFor((r) => r.method === 'PATCH' && r.params.webhook_token === click.token);
    }
    return t.prisma.case.findFirstOrThrow({ where: { reporterId: input.user.id }, orderBy: { number: 'desc' } });
  }

  it('logs in with only the Guilds and DirectMessages intents and registers the commands in the dev guild', async () => {
    const identify = t.discord.gatewayPayloads.find((p) => p.op === GatewayOpcodes.Identify);
    expect((identify?.d as { intents: number }).intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages);

    const registered = t.discord.commands.guilds.get(t.discord.guild.id) ?? [];
    // other features (the help chat's /helpme) register theirs in the same call
    expect(registered.map((c) => c.name)).toEqual(expect.arrayContaining(['bug', 'case', 'new_feature']));
    const bug = registered.find((c) => c.name === 'bug')!;
    // The report itself is written in the form the command opens.
    expect(bug.options?.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['severity', ApplicationCommandOptionType.String, false],
      ['screenshot', ApplicationCommandOptionType.Attachment, false],
    ]);
    expect(bug.contexts).toEqual([InteractionContextType.Guild]);
    expect(bug.description_localizations?.fr).toBe("Signaler un bug à l'équipe");
  });

  it('/bug opens the form, files a BUG case, answers privately and posts its embed in the channel (no forum set)', async () => {
    const player = t.discord.user({ username: 'ana_plays', globalName: 'Ana' });
    const interaction = await report({
      name: 'bug',
      user: player,
      channelId: bugChannel,
      options: { title: 'Crash when opening the map', description: 'The game closes as soon as I press M in the forest.', severity: 'high' },
    });

    const reply = await t.discord.waitForReply(interaction);
    const callback = await callbackOf(interaction);
    expect(callback.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    expect(reply.via).toBe('edit');
    expect(reply.ephemeral).toBe(true);

    const row = await t.prisma.case.findFirstOrThrow({ where: { reporterId: player.id } });
    expect(row).toMatchObject({
      type: 'BUG',
      status: 'OPEN',
      priority: 'HIGH',
      title: 'Crash when opening the map',
      reporterName: 'Ana',
      guildId: t.discord.guild.id,
      channelId: bugChannel,
    });
    expect(reply.message.content).toBe(`Thanks! Your report is case #${row.number}; its post appears in <#${bugChannel}> in a moment.`);
    await drain();
    const posted = t.discord.channels.get(bugChannel)!.messages.find((m) => m.embeds[0]?.title === `Case #${row.number}: Crash when opening the map`)!;
    expect(posted.embeds[0].fields).toEqual(
      expect.arrayContaining([
        { name: 'Status', value: 'Open', inline: true },
        { name: 'Reported by', value: 'Ana', inline: true },
        { name: 'Device or platform', value: 'PC', inline: true },
      ]),
    );
    const events = await t.prisma.caseEvent.findMany({ where: { caseId: row.id } });
    expect(events.map((e) => [e.type, e.actor])).toEqual([['CREATED', `discord:${player.id}`]]);
  });

  it('/new_feature files a FEATURE case under the username when there is no display name', async () => {
    const player = t.discord.user({ username: 'bruno99' });
    const row = await filed({ name: 'new_feature', user: player, channelId: featureChannel, options: { title: 'Dark mode', description: 'A dark theme for the menus, please.' } });
    expect(row).toMatchObject({ type: 'FEATURE', priority: 'NORMAL', reporterName: 'bruno99', channelId: featureChannel, fields: { title: 'Dark mode', idea: 'A dark theme for the menus, please.', why: 'It would make the game better.' } });
    await drain();
    const posted = t.discord.channels.get(featureChannel)!.messages.find((m) => m.embeds[0]?.title === `Case #${row.number}: Dark mode`)!;
    expect(posted.embeds[0].fields).toEqual(expect.arrayContaining([{ name: 'Why it matters', value: 'It would make the game better.', inline: false }]));
  });

  it.each([
    ['fr', "« Titre » doit faire entre 3 et 90 caractères (le tien en a 2). Rien n'a été envoyé : relance la commande."],
    ['de', '„Titel“ muss 3 bis 90 Zeichen lang sein (deins hat 2). Nichts wurde gesendet: führe den Befehl erneut aus.'],
    ['en-US', '"Title" must be 3 to 90 characters long (yours has 2). Nothing was sent: run the command again.'],
  ])('a too-short title gets a private error in the player language (%s) and creates nothing', async (locale, message) => {
    const before = await caseCount();
    const interaction = await report({ name: 'bug', user: t.discord.user(), locale, channelId: bugChannel, options: { title: 'ok', description: 'Long enough description here.' } });

    const reply = await t.discord.waitForReply(interaction);
    expect(reply.via).toBe('callback');
    expect(reply.message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(reply.message.content).toBe(message);
    expect(await caseCount()).toBe(before);
  });

  it('a too-short description is refused in Spanish for an es-ES player', async () => {
    const interaction = await report({ name: 'new_feature', user: t.discord.user(), locale: 'es-ES', channelId: featureChannel, options: { title: 'Pets', description: 'short' } });
    const reply = await t.discord.waitForReply(interaction);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe('«Tu idea» debe tener entre 10 y 1500 caracteres (el tuyo tiene 5). No se envió nada: vuelve a usar el comando.');
  });

  it('/bug outside the bug channels gets a private hint naming the right channel', async () => {
    const before = await caseCount();
    const interaction = await report({ name: 'bug', user: t.discord.user(), channelId: general, options: { title: 'Lag spikes', description: 'Every evening the game lags a lot.' } });
    const reply = await t.discord.waitForReply(interaction);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe(`Please use /bug in <#${bugChannel}>.`);
    expect(await caseCount()).toBe(before);

    const feature = await report({ name: 'new_feature', user: t.discord.user(), locale: 'pt-BR', channelId: bugChannel, options: { title: 'Guilds', description: 'Let players create guilds.' } });
    expect((await t.discord.waitForReply(feature)).message.content).toBe(`Use /new_feature em <#${featureChannel}>.`);
  });

  it('stores a /bug screenshot, lists it on the case and serves it to any API role', async () => {
    const player = t.discord.user({ username: 'carla' });
    const screenshot = t.discord.addAttachment({ filename: 'map crash.png', contentType: 'image/png', data: PNG, channelId: bugChannel });
    const row = await filed({ name: 'bug', user: player, channelId: bugChannel, options: { title: 'Map is black', description: 'The map screen stays black after loading.', screenshot } });

    const viewer = await t.keyFor(Role.VIEWER);
    const detail = await t.request({ method: 'GET', url: `/api/cases/${row.number}`, headers: viewer });
    expect(detail.statusCode).toBe(200);
    const attachments = detail.json().attachments as { id: string; filename: string; contentType: string; size: number }[];
    expect(attachments).toEqual([expect.objectContaining({ filename: 'map crash.png', contentType: 'image/png', size: PNG.length })]);

    for (const headers of [viewer, await t.keyFor(Role.LEAD)]) {
      const file = await t.request({ method: 'GET', url: `/api/cases/${row.number}/attachments/${attachments[0].id}`, headers });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['content-disposition']).toBe(`inline; filename="map crash.png"; filename*=UTF-8''map%20crash.png`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.rawPayload.equals(PNG)).toBe(true);
    }

    const anonymous = await t.request({ method: 'GET', url: `/api/cases/${row.number}/attachments/${attachments[0].id}` });
    expect(anonymous.statusCode).toBe(401);
    const missing = await t.request({ method: 'GET', url: `/api/cases/${row.number}/attachments/7d0b7c8e-0000-4000-8000-000000000000`, headers: viewer });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'not_found' });
    const otherCase = await t.request({ method: 'GET', url: `/api/cases/${row.number - 1}/attachments/${attachments[0].id}`, headers: viewer });
    expect(otherCase.statusCode).toBe(404);
  });

  it('refuses a screenshot that is not an image, or too large, before creating anything', async () => {
    const before = await caseCount();
    const text = t.discord.addAttachment({ filename: 'notes.txt', contentType: 'text/plain', data: Buffer.from('hello') });
    const notImage = await report({ name: 'bug', user: t.discord.user(), locale: 'fr', channelId: bugChannel, options: { title: 'Sound bug', description: 'No sound after the cinematic.', screenshot: text } });
    expect((await t.discord.waitForReply(notImage)).message.content).toBe("La capture d'écran doit être une image (PNG, JPEG, GIF ou WebP).");

    const big = t.discord.addAttachment({ filename: 'big.png', contentType: 'image/png', data: Buffer.alloc(MAX_SCREENSHOT + 1) });
    const tooLarge = await report({ name: 'bug', user: t.discord.user(), channelId: bugChannel, options: { title: 'Sound bug', description: 'No sound after the cinematic.', screenshot: big } });
    const reply = await t.discord.waitForReply(tooLarge);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe('The screenshot is too large (64 KB); the limit is 64 KB.');
    expect(await caseCount()).toBe(before);
  });

  it('a file that only claims to be a PNG is refused after download, with a private error', async () => {
    const before = await caseCount();
    const fake = t.discord.addAttachment({ filename: 'x.png', contentType: 'image/png', data: Buffer.from('<html><script>alert(1)</script></html>') });
    const interaction = await report({ name: 'bug', user: t.discord.user(), channelId: bugChannel, options: { title: 'Odd file', description: 'This is not really a picture of anything.', screenshot: fake } });

    const reply = await t.discord.waitForReply(interaction);
    expect(reply.via).toBe('edit');
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toBe('The screenshot must be an image (PNG, JPEG, GIF or WebP).');
    expect(await caseCount()).toBe(before);
  });

  it('an unexpected failure shows the player an error id', async () => {
    // Discord keeps failing the edit of the deferred reply (discord.js retries 3 times).
    t.discord.failNext({ method: 'PATCH', route: '/webhooks/{webhook_id}/{webhook_token}/messages/@original' }, { status: 500, times: 4 });
    const interaction = await report({ name: 'bug', user: t.discord.user(), channelId: bugChannel, options: { title: 'Broken quest', description: 'The quest giver does not talk to me.' } });

    const reply = await t.discord.waitForReply(interaction);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toMatch(/^Something went wrong \(error id [0-9a-f-]{36}\)\. Please try again later\.$/);
  });

  it('/case lists the player own latest cases, privately', async () => {
    const player = t.discord.user({ username: 'dora' });
    for (const title of ['First problem', 'Second problem']) {
      await filed({ name: 'bug', user: player, channelId: bugChannel, options: { title, description: 'Something is wrong with the game.' } });
    }
    const someoneElse = t.discord.user();
    await filed({ name: 'bug', user: someoneElse, channelId: bugChannel, options: { title: 'Not dora', description: 'A case of another player.' } });

    const reply = await t.discord.waitForReply(run({ name: 'case', user: player, channelId: general }));
    expect(reply.ephemeral).toBe(true);
    const rows = await t.prisma.case.findMany({ where: { reporterId: player.id }, orderBy: { number: 'desc' } });
    expect(reply.message.embeds[0].title).toBe('Your latest cases');
    expect(reply.message.embeds[0].description).toBe(rows.map((r) => `**#${r.number}** · ${r.title} — Open`).join('\n'));

    const empty = await t.discord.waitForReply(run({ name: 'case', user: t.discord.user(), channelId: general }));
    expect(empty.message.content).toBe("You haven't filed any case yet. Use /bug or /new_feature to send one.");
  });

  it('/case number shows the player own case and refuses another player case like a missing one', async () => {
    const owner = t.discord.user({ globalName: 'Eli' });
    const row = await filed({ name: 'bug', user: owner, channelId: bugChannel, options: { title: 'Inventory reset', description: 'My inventory was empty after the update.' } });

    const own = await t.discord.waitForReply(run({ name: 'case', user: owner, options: { number: row.number } }));
    expect(own.ephemeral).toBe(true);
    expect(own.message.embeds[0]).toMatchObject({ title: `Case #${row.number}: Inventory reset`, description: 'My inventory was empty after the update.' });

    const intruder = t.discord.user();
    const refused = await t.discord.waitForReply(run({ name: 'case', user: intruder, locale: 'fr', options: { number: row.number } }));
    const missing = await t.discord.waitForReply(run({ name: 'case', user: intruder, locale: 'fr', options: { number: 99999 } }));
    expect(refused.ephemeral).toBe(true);
    expect(refused.message.content).toBe(`Je ne trouve pas le dossier #${row.number} parmi les tiens.`);
    expect(missing.message.content).toBe('Je ne trouve pas le dossier #99999 parmi les tiens.');
    expect(refused.message.embeds).toEqual([]);
  });

  it('resumes after the gateway drops the connection and keeps answering', async () => {
    t.discord.dropGateway();
    await t.discord.waitForGateway((p) => p.op === GatewayOpcodes.Resume);
    expect(t.discord.gatewayPayloads.filter((p) => p.op === GatewayOpcodes.Identify)).toHaveLength(1);

    const reply = await t.discord.waitForReply(run({ name: 'case', user: t.discord.user(), channelId: general }));
    expect(reply.ephemeral).toBe(true);
  });
});
