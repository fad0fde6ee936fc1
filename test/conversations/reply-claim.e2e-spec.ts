import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

/** Replies through POST /api/cases/:n/messages: who claims a chat, what the player sees. */
describe('replies from several people to one help chat', () => {
  let app: DiscordTestApp;
  let mia: { authorization: string };
  let sam: { authorization: string };
  let lead: { authorization: string };

  beforeAll(async () => {
    app = await createDiscordTestApp();
    mia = await app.keyFor(Role.AGENT, 'mia-laptop-key', 'Mia');
    sam = await app.keyFor(Role.AGENT, 'sam-key', 'Sam');
    lead = await app.keyFor(Role.LEAD, 'lead-key', 'Robin');
  });
  afterAll(() => app.close());

  const dms = (user: APIUser) => app.discord.dmMessages(user.id).filter((m) => m.author.id === app.discord.botUser.id);
  const joinedLines = (user: APIUser) => dms(user).filter((m) => m.content.includes('has joined'));
  const dmContaining = (user: APIUser, text: string) => eventually(() => dms(user).find((m) => m.content.includes(text)), 5000, `a DM with "${text}"`) as Promise<APIMessage>;
  const reply = (number: number, headers: { authorization: string }, body: string) => app.request({ method: 'POST', url: `/api/cases/${number}/messages`, headers, payload: { body } });

  async function waitingChat(username: string): Promise<{ player: APIUser; number: number }> {
    const player = app.discord.user({ username });
    app.discord.dispatchMessage({ user: player, content: 'I want to talk to a human' });
    const transfer = await dmContaining(player, 'has been created');
    const number = Number(/#(\d+)/.exec(transfer.content)![1]);
    await eventually(async () => (await app.prisma.conversation.findFirst({ where: { playerId: player.id } }))?.platform === 'leads', 5000, 'the hand-off');
    return { player, number };
  }

  it('the first reply claims an unassigned chat; a second person neither reassigns it nor announces a second "joined"', async () => {
    const { player, number } = await waitingChat('pat');
    expect((await reply(number, mia, 'Hi, Mia here.')).statusCode).toBe(201);
    await dmContaining(player, '**Mia:** Hi, Mia here.');
    expect(joinedLines(player).map((m) => m.content)).toEqual(['Mia from the support team has joined the chat.']);
    expect(await app.prisma.case.findUniqueOrThrow({ where: { number } })).toMatchObject({ assignee: 'Mia', status: 'IN_PROGRESS' });

    expect((await reply(number, sam, 'Sam here, adding a detail.')).statusCode).toBe(201);
    await dmContaining(player, '**Sam:** Sam here, adding a detail.');
    expect((await reply(number, mia, 'Back to you.')).statusCode).toBe(201);
    await dmContaining(player, '**Mia:** Back to you.');
    expect(joinedLines(player)).toHaveLength(1);
    expect(await app.prisma.case.findUniqueOrThrow({ where: { number } })).toMatchObject({ assignee: 'Mia' });
    expect(await app.prisma.conversation.findFirst({ where: { playerId: player.id } })).toMatchObject({ mode: 'AGENT', agentName: 'Mia' });
    // Players see people, never a key's name.
    expect(dms(player).some((m) => /mia-laptop-key|sam-key/.test(m.content))).toBe(false);
  });

  it('a chat whose case a lead assigned is not taken over by another agent replying', async () => {
    const { player, number } = await waitingChat('quinn');
    expect((await app.request({ method: 'PATCH', url: `/api/cases/${number}`, headers: lead, payload: { assignee: 'Mia' } })).statusCode).toBe(200);
    expect((await reply(number, sam, 'Sam covering for a moment.')).statusCode).toBe(201);
    await dmContaining(player, '**Sam:** Sam covering for a moment.');
    expect(joinedLines(player)).toHaveLength(0);
    expect(await app.prisma.case.findUniqueOrThrow({ where: { number } })).toMatchObject({ assignee: 'Mia' });

    // The assignee's own first reply is her joining the chat.
    expect((await reply(number, mia, 'Mia now.')).statusCode).toBe(201);
    await dmContaining(player, '**Mia:** Mia now.');
    expect(joinedLines(player).map((m) => m.content)).toEqual(['Mia from the support team has joined the chat.']);
  });
});
