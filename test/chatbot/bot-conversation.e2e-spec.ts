import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { AGENT_BUTTON_ID, FEEDBACK_BUTTON_PREFIX } from '../../src/discord/help/agent-button';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

/** The bot's side of the help chat over the fake Discord: small talk, "did this help?" buttons, stats. */
describe('support bot conversation', () => {
  let app: DiscordTestApp;
  let lead: { authorization: string };

  beforeAll(async () => {
    app = await createDiscordTestApp();
    lead = await app.keyFor(Role.LEAD, 'Alex');
  });
  afterAll(() => app.close());

  const dms = (user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);
  const nextDm = (user: APIUser, after: number, what: string) => eventually(() => dms(user)[after], 5000, what) as Promise<APIMessage>;
  const buttonIds = (message: APIMessage) => JSON.stringify(message.components ?? []).match(/"custom_id":"[^"]+"/g)?.map((m) => m.slice(13, -1)) ?? [];
  const click = (user: APIUser, message: APIMessage, customId: string) => app.discord.dispatchInteraction(app.discord.button({ customId, user, message }));

  async function ask(user: APIUser, content: string, index: number) {
    app.discord.dispatchMessage({ user, content });
    return nextDm(user, index, `the answer to "${content}"`);
  }

  it('answers greetings and thanks in the player language, without articles', async () => {
    const player = app.discord.user({ username: 'ines' });
    const hello = await ask(player, 'oi, tudo bem?', 0);
    expect(hello.content).toContain('Oi!');
    expect(hello.embeds ?? []).toHaveLength(0);
    const thanks = await ask(player, 'valeu!', 1);
    expect(thanks.content).toContain('De nada');
  });

  it('records "did this help?" per article, shows it to leads, and offers a person after a second "no"', async () => {
    const player = app.discord.user({ username: 'noah' });
    const first = await ask(player, 'my gems disappeared from my balance', 0);
    const ids = buttonIds(first);
    expect(ids).toContain(AGENT_BUTTON_ID);
    const yes = ids.find((id) => id.startsWith(`${FEEDBACK_BUTTON_PREFIX}/yes/`))!;
    expect(yes).toBeDefined();

    click(player, first, yes);
    expect((await nextDm(player, 1, 'the thanks for the vote')).content).toBe('Glad it helped!');
    click(player, first, yes); // a double click counts once and says nothing more
    const second = await ask(player, 'the game crashes on startup every time', 2);
    expect(dms(player)).toHaveLength(3);

    const no1 = buttonIds(second).find((id) => id.startsWith(`${FEEDBACK_BUTTON_PREFIX}/no/`))!;
    click(player, second, no1);
    const again = await nextDm(player, 3, 'the reply to a first "no"');
    expect(again.content).toContain('other words');
    expect(buttonIds(again)).toEqual([AGENT_BUTTON_ID]);

    const third = await ask(player, 'cant connect to the server, always disconnected', 4);
    click(player, third, buttonIds(third).find((id) => id.startsWith(`${FEEDBACK_BUTTON_PREFIX}/no/`))!);
    const offer = await nextDm(player, 5, 'the live-agent offer after a second "no"');
    expect(offer.content).toContain('A person from the support team can take over');
    expect(buttonIds(offer)).toEqual([AGENT_BUTTON_ID]);

    const stats = await app.request({ method: 'GET', url: '/api/kb/stats?locale=en', headers: lead });
    expect(stats.statusCode).toBe(200);
    const rows = stats.json() as { slug: string; suggested: number; helpful: number; notHelpful: number }[];
    expect(rows.find((r) => r.slug === 'missing-gems')).toMatchObject({ suggested: 1, helpful: 1, notHelpful: 0 });
    expect(rows.find((r) => r.slug === 'crash-on-startup')).toMatchObject({ notHelpful: 1 });
    const viewer = await app.keyFor(Role.VIEWER);
    expect((await app.request({ method: 'GET', url: '/api/kb/stats', headers: viewer })).statusCode).toBe(403);
  });

  it('"that did not help" in text gets an apology and the live-agent button', async () => {
    const player = app.discord.user({ username: 'ola' });
    await ask(player, 'wie füge ich freunde hinzu', 0);
    const reply = await ask(player, 'hat nicht geholfen', 1);
    expect(reply.content).toContain('nicht geholfen');
    expect(buttonIds(reply)).toContain(AGENT_BUTTON_ID);
  });

  it('a request for a person by its meaning hands over; a trap with the same word does not', async () => {
    const player = app.discord.user({ username: 'rui' });
    const trap = await ask(player, 'o jogo tem suporte pra controle?', 0);
    expect(trap.content).not.toMatch(/caso #\d+/i);
    const transfer = await ask(player, 'quero falar com o suporte', 1);
    expect(transfer.content).toMatch(/#\d+/);
    expect(await app.prisma.case.count({ where: { reporterId: player.id, type: 'HELP' } })).toBe(1);
  });

  it('lets leads edit the knowledge base and the bot answers from the change at once', async () => {
    const created = await app.request({
      method: 'POST',
      url: '/api/kb/articles',
      headers: lead,
      payload: { slug: 'winter-festival', locale: 'en', title: 'Winter festival', body: 'The winter festival brings snow creatures and double candy.', aliases: ['xmas event', 'snowmen'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().aliases).toEqual(['xmas event', 'snowmen']);
    const player = app.discord.user({ username: 'yuki' });
    const answer = await ask(player, 'when do the snowmen come back for xmas', 0);
    expect(JSON.stringify(answer.embeds)).toContain('/kb/en/winter-festival');
  });

  it('finds an article through the example questions leads give it, in words neither its title nor its body use', async () => {
    const message = 'where are the frosty critters hiding this december';
    const player = app.discord.user({ username: 'sora' });
    const before = await ask(player, message, 0);
    expect(JSON.stringify(before.embeds ?? [])).not.toContain('/kb/en/winter-festival');
    const [article] = (await app.request({ method: 'GET', url: '/api/kb/articles?locale=en', headers: lead })).json<{ id: string; slug: string }[]>().filter((a) => a.slug === 'winter-festival');
    const questions = ['cant find the frosty critters anywhere', 'which december days do frosty critters hide in the park'];
    const patched = await app.request({ method: 'PATCH', url: `/api/kb/articles/${article.id}`, headers: lead, payload: { questions } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().questions).toEqual(questions);
    const after = await ask(player, message, 1);
    expect(JSON.stringify(after.embeds)).toContain('/kb/en/winter-festival');
  });
});
