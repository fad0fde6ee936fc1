import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { AGENT_BUTTON_ID } from '../../src/discord/help/agent-button';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

/** The help chat of the seed story, with the leads' queue as the agent platform (no Twilio configured). */
describe('help chat: /helpme, the bot, and a live agent through the leads API', () => {
  let app: DiscordTestApp;
  let lead: { authorization: string };

  beforeAll(async () => {
    app = await createDiscordTestApp();
    lead = await app.keyFor(Role.LEAD, 'Alex');
  });
  afterAll(() => app.close());

  const dms = (user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);
  const dmCount = (user: APIUser) => dms(user).length;
  const nextDm = (user: APIUser, after: number, what: string) => eventually(() => dms(user)[after], 5000, what) as Promise<APIMessage>;
  const dmContaining = (user: APIUser, text: string) => eventually(() => dms(user).find((m) => m.content.includes(text)), 5000, `a DM with "${text}"`) as Promise<APIMessage>;
  const conversationOf = (user: APIUser) => app.prisma.conversation.findFirst({ where: { playerId: user.id }, orderBy: { createdAt: 'desc' } });

  async function helpme(user: APIUser, locale = 'en-US', question?: string) {
    const interaction = app.discord.dispatchInteraction(app.discord.slashCommand({ name: 'helpme', user, locale, options: { question } }));
    return app.discord.waitForReply(interaction);
  }

  it('/helpme opens a DM with a greeting and confirms privately in the channel', async () => {
    const player = app.discord.user({ username: 'mika', globalName: 'Mika' });
    const reply = await helpme(player);
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toContain('direct message');
    const greeting = await nextDm(player, 0, 'the greeting');
    expect(greeting.content).toContain('Hi Mika');
    expect(JSON.stringify(greeting.components)).toContain(AGENT_BUTTON_ID);
    const conversation = await conversationOf(player);
    expect(conversation).toMatchObject({ mode: 'BOT', locale: 'en', playerChannelId: greeting.channel_id });
  });

  it('answers a question in French with French articles', async () => {
    const player = app.discord.user({ username: 'camille' });
    await helpme(player, 'fr');
    await nextDm(player, 0, 'the greeting');
    app.discord.dispatchMessage({ user: player, content: "j'ai acheté des gemmes mais je ne les ai pas reçues, je veux un remboursement" });
    const answer = await nextDm(player, 1, 'the bot answer');
    expect(answer.content).toContain("Voici ce que j'ai trouvé");
    const links = answer.embeds!.flatMap((embed) => embed.fields!.map((field) => field.value));
    expect(links.length).toBeGreaterThan(0);
    expect(links.length).toBeLessThanOrEqual(3);
    expect(links.every((value) => value.includes('/kb/fr/'))).toBe(true);
    expect(JSON.stringify(answer.components)).toContain('Parler à un conseiller');
  });

  it('falls back clearly when nothing matches', async () => {
    const player = app.discord.user({ username: 'zed' });
    app.discord.dispatchMessage({ user: player, content: 'xylophone quasar' });
    const answer = await nextDm(player, 0, 'the fallback');
    expect(answer.content).toContain("couldn't find an article");
    expect(JSON.stringify(answer.components)).toContain(AGENT_BUTTON_ID);
  });

  it('a duplicated MESSAGE_CREATE is stored once and answered once', async () => {
    const player = app.discord.user({ username: 'dup' });
    const message = app.discord.dispatchMessage({ user: player, content: 'how do I link my google account' });
    app.discord.dispatch('MESSAGE_CREATE', message);
    await nextDm(player, 0, 'the answer');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await app.prisma.message.count({ where: { playerMessageId: message.id } })).toBe(1);
    expect(dmCount(player)).toBe(1);
  });

  it('"I want to talk to a human" creates a HELP case, transfers, and a lead answers, closes, and the player is told', async () => {
    const player = app.discord.user({ username: 'jo', globalName: 'Jo' });
    await helpme(player, 'en-US', 'my raid rewards never arrived');
    await nextDm(player, 1, 'the bot answer to the /helpme question');

    app.discord.dispatchMessage({ user: player, content: 'I want to talk to a human' });
    const transfer = await nextDm(player, 2, 'the transfer message');
    const number = Number(/#(\d+)/.exec(transfer.content)![1]);
    expect(transfer.content).toContain(`Case #${number} has been created`);
    expect(transfer.content).toContain('live agent');
    const helpCase = await app.prisma.case.findUniqueOrThrow({ where: { number } });
    expect(helpCase).toMatchObject({ type: 'HELP', status: 'OPEN', reporterId: player.id, reporterName: 'Jo' });
    expect(helpCase.description).toContain('my raid rewards never arrived');
    // The player hears about the transfer first; the hand-off is recorded right after.
    await eventually(async () => (await conversationOf(player))?.platform === 'leads', 5000, 'the hand-off');
    expect(await conversationOf(player)).toMatchObject({ mode: 'AGENT_REQUESTED', platform: 'leads', caseId: helpCase.id });

    const waiting = await app.request({ method: 'GET', url: '/api/conversations', headers: lead });
    expect(waiting.json().some((c: { case: { number: number } }) => c.case?.number === number)).toBe(true);

    // While the chat waits for an agent, the player's words go to the transcript, not to the bot.
    app.discord.dispatchMessage({ user: player, content: 'hello? anyone there?' });
    await eventually(() => app.prisma.message.findFirst({ where: { body: 'hello? anyone there?' } }), 5000, 'the stored message');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(dmCount(player)).toBe(3);

    const reply = await app.request({ method: 'POST', url: `/api/cases/${number}/messages`, headers: lead, payload: { body: 'Hi Jo, I am checking your raid rewards now.' } });
    expect(reply.statusCode).toBe(201);
    const joined = await dmContaining(player, 'Alex from the support team has joined');
    const agentLine = await dmContaining(player, '**Alex:**');
    expect(agentLine.content).toBe('**Alex:** Hi Jo, I am checking your raid rewards now.');
    expect(BigInt(agentLine.id)).toBeGreaterThan(BigInt(joined.id));
    expect(await app.prisma.case.findUniqueOrThrow({ where: { number } })).toMatchObject({ status: 'IN_PROGRESS', assignee: 'Alex' });
    // The chat announced the agent itself: no separate case-status DM on top of it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dms(player).filter((m) => m.embeds?.length && !m.content)).toHaveLength(0);

    const transcript = await app.request({ method: 'GET', url: `/api/cases/${number}/transcript`, headers: lead });
    const kinds = transcript.json().messages.map((m: { authorKind: string }) => m.authorKind);
    expect(kinds).toEqual(expect.arrayContaining(['PLAYER', 'BOT', 'SYSTEM', 'AGENT']));
    expect(transcript.json().messages.map((m: { body: string }) => m.body)).toContain('hello? anyone there?');

    const conversation = (await conversationOf(player))!;
    expect((await app.request({ method: 'POST', url: `/api/conversations/${conversation.id}/close`, headers: lead })).statusCode).toBe(204);
    await dmContaining(player, 'This chat has been closed');
    expect(await conversationOf(player)).toMatchObject({ mode: 'CLOSED' });
    expect((await app.request({ method: 'POST', url: `/api/cases/${number}/messages`, headers: lead, payload: { body: 'still there?' } })).json().code).toBe('no_open_chat');

    // The next DM starts a new chat with the bot.
    const before = dmCount(player);
    app.discord.dispatchMessage({ user: player, content: 'how do I trade creatures' });
    await nextDm(player, before, 'a bot answer in a new chat');
    expect(await app.prisma.conversation.count({ where: { playerId: player.id } })).toBe(2);
  });

  it('the "Talk to a live agent" button transfers in the player\'s language, once', async () => {
    const player = app.discord.user({ username: 'lena' });
    await helpme(player, 'de');
    const greeting = await nextDm(player, 0, 'the greeting');
    const click = app.discord.dispatchInteraction(app.discord.button({ customId: AGENT_BUTTON_ID, user: player, message: greeting, locale: 'de' }));
    const transfer = await nextDm(player, 1, 'the transfer message');
    expect(transfer.content).toMatch(/Der Fall #\d+ wurde für dich erstellt/);
    expect(app.discord.interactions.get(click.token)!.acknowledged).toBe(true);

    app.discord.dispatchInteraction(app.discord.button({ customId: AGENT_BUTTON_ID, user: player, message: greeting, locale: 'de' }));
    const again = await nextDm(player, 2, 'the already-waiting notice');
    expect(again.content).toContain('Du wartest bereits');
    expect(await app.prisma.case.count({ where: { reporterId: player.id, type: 'HELP' } })).toBe(1);
  });

  it('DMs closed: /helpme explains how to open them and creates nothing', async () => {
    const player = app.discord.user({ username: 'private' });
    app.discord.closeDms(player.id);
    const reply = await helpme(player, 'es-ES');
    expect(reply.ephemeral).toBe(true);
    expect(reply.message.content).toContain('No puedo enviarte mensajes directos');
    expect(await app.prisma.conversation.count({ where: { playerId: player.id } })).toBe(0);
  });
});
