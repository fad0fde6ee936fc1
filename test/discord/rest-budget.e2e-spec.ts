import { REST, Routes } from 'discord.js';
import { AppConfig } from '../../src/config/app-config';
import { PrismaService } from '../../src/database/prisma.service';
import { DiscordRestBudget } from '../../src/discord/rest-budget';
import { FakeDiscord } from '../fakes/discord';
import { createTestDatabase } from '../utils/test-database';

/**
 * The shared Discord REST budget with the real @discordjs/rest against the fake and a real
 * Postgres: two "replicas" (two REST clients, two budgets) take their slots from one row, so
 * together they cannot send faster than the configured rate; interaction endpoints take no slot;
 * without the database, requests still go (discord.js' own per-process limit remains).
 */
describe('DiscordRestBudget', () => {
  let fake: FakeDiscord;
  let database: { url: string; drop: () => Promise<void> };
  const prismas: PrismaService[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const prisma of prismas) await prisma.$disconnect();
    await fake.close();
    await database.drop();
  });

  const replica = (url: string, perSecond: number) => {
    const rest = new REST({ api: fake.restUrl, retries: 0 }).setToken(fake.token);
    const prisma = new PrismaService(url, 2);
    prismas.push(prisma);
    const config = Object.assign(new AppConfig(), { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_REST_PER_SECOND: perSecond });
    const budget = new DiscordRestBudget(rest, prisma, config);
    budget.onModuleInit();
    return { rest, prisma };
  };
  const nextSlot = async (prisma: PrismaService) => (await prisma.discordRestBudget.findUnique({ where: { bot: fake.applicationId } }))?.nextSlotAt;

  it('spaces the requests of two replicas together at the configured rate', async () => {
    const [a, b] = [replica(database.url, 10), replica(database.url, 10)];
    const channelId = fake.channel('general');
    const started = Date.now();
    const send = (r: { rest: REST }, i: number) => r.rest.post(Routes.channelMessages(channelId), { body: { content: `budget ${i}` } });
    await Promise.all(Array.from({ length: 15 }, (_, i) => [send(a, i), send(b, i)]).flat());
    // 30 slots 100 ms apart: the last leaves at least 2.9 s after the first (a loaded machine is only slower).
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
    expect(fake.requestsTo('/channels/{channel_id}/messages', 'POST').filter((r) => String(r.body?.content).startsWith('budget '))).toHaveLength(30);
  });

  it('lets interaction callbacks through without a slot', async () => {
    const { rest, prisma } = replica(database.url, 1);
    await rest.get(Routes.user('@me'));
    const slot = await nextSlot(prisma);
    await rest.post(Routes.interactionCallback('1', 'token'), { auth: false, body: { type: 5 } }).catch(() => undefined);
    expect(await nextSlot(prisma)).toEqual(slot);
    await rest.get(Routes.user('@me'));
    expect((await nextSlot(prisma))!.getTime()).toBeGreaterThan(slot!.getTime());
  });

  it('sends without the budget when the database is unreachable', async () => {
    const { rest } = replica('postgresql://nobody:nothing@127.0.0.1:1/none', 1);
    const me = (await rest.get(Routes.user('@me'))) as { id: string };
    expect(me.id).toBe(fake.botUser.id);
  });
});
