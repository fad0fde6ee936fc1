import { createTestDatabase } from '../utils/test-database';
import { eventually } from '../utils/eventually';
import { FakeFeed, FakeFeedItem, FakeFeedServer } from '../fakes/feeds';
import { announcementServer, AnnouncementTestApp, createAnnouncementTestApp } from './announcement-test-app';

const MINUTE = 60_000;
const item = (n: number, extra: Partial<FakeFeedItem> = {}): FakeFeedItem => ({
  id: `https://game.example/news/${n}`,
  title: `News ${n}`,
  link: `https://game.example/news/${n}`,
  summary: `What happened in <b>part ${n}</b> &amp; more.`,
  published: new Date(Date.UTC(2026, 10, n)),
  ...extra,
});
const blog = (items: FakeFeedItem[]): FakeFeed => ({ format: 'rss', title: 'Game Blog', items });

describe('Feeds posted to an Announcement channel', () => {
  const server = announcementServer();
  let feeds: FakeFeedServer;
  let database: { url: string; drop: () => Promise<void> };
  let t: AnnouncementTestApp | undefined;

  beforeAll(async () => {
    feeds = await FakeFeedServer.start();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await t?.close();
    await feeds?.close();
    await database?.drop();
  });

  const start = () =>
    createAnnouncementTestApp(server, { DATABASE_URL: database.url, ANNOUNCEMENT_FEEDS: `blog ${feeds.url('/blog.xml')} every=10m` });
  const feedState = async () => (await t!.prisma.feedState.findUnique({ where: { name: 'blog' } }))!;
  const polls = () => feeds.requestsTo('/blog.xml').length;
  const posted = () => t!.discord.channels.get(server.announcementsId)!.messages;

  it('a feed with two old items and then a new one posts only the new one, once, crossposted, even after a restart', async () => {
    feeds.serve('/blog.xml', blog([item(2), item(1)]));
    t = await start();

    // First poll: the two items already there are remembered, not posted.
    await eventually(async () => (await feedState()).primed, 10_000, 'the first poll');
    expect(await t.prisma.feedItem.count({ where: { feedName: 'blog' } })).toBe(2);

    feeds.serve('/blog.xml', blog([item(3, { image: 'https://game.example/3.png' }), item(2), item(1)]));
    t.advance(11 * MINUTE);
    const message = await eventually(() => posted().find((m) => m.embeds[0]?.title === 'News 3'), 10_000, 'the new item in #announcements');
    expect(message.embeds[0]).toMatchObject({
      url: 'https://game.example/news/3',
      description: 'What happened in part 3 & more.',
      image: { url: 'https://game.example/3.png' },
      footer: { text: 'Game Blog' },
      timestamp: new Date(Date.UTC(2026, 10, 3)).toISOString(),
    });
    await eventually(() => t!.discord.requestsTo('/channels/{channel_id}/messages/{message_id}/crosspost', 'POST').some((r) => r.params.message_id === message.id && r.status === 200), 10_000, 'the crosspost');

    // Polite: the next poll is conditional and the unchanged feed answers 304.
    const before = polls();
    t.advance(11 * MINUTE);
    await eventually(() => polls() > before && feeds.requestsTo('/blog.xml').at(-1)!.status === 304, 10_000, 'a conditional poll');
    expect(feeds.requestsTo('/blog.xml').at(-1)!.headers['if-none-match']).toMatch(/^"/);

    await t.close();
    t = undefined;

    // After a restart (new process, same database) with a server that changes its ETag every time.
    feeds.serve('/blog.xml', blog([item(3, { image: 'https://game.example/3.png' }), item(2), item(1)]), { etag: 'changing' });
    t = await start();
    const afterRestart = polls();
    t.advance(60 * MINUTE); // past the next poll the first process stored
    await eventually(() => polls() > afterRestart && feeds.requestsTo('/blog.xml').at(-1)!.status === 200, 10_000, 'a poll after the restart');
    await eventually(async () => (await feedState()).leaseUntil === null, 10_000, 'the poll to finish');
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong post to show up
    expect(t.discord.requestsTo('/channels/{channel_id}/messages', 'POST')).toEqual([]);
    expect(await t.prisma.announcement.count({ where: { source: 'FEED' } })).toBe(1);
  });

  it('two replicas polling the same feed post each new item once between them', async () => {
    const shared = await createTestDatabase();
    feeds.serve('/shared.xml', blog([item(2), item(1)]));
    const env = { DATABASE_URL: shared.url, ANNOUNCEMENT_FEEDS: `shared ${feeds.url('/shared.xml')} every=1m` };
    const replicas = await Promise.all([createAnnouncementTestApp(server, env), createAnnouncementTestApp(server, env)]);
    const [a] = replicas;
    const sharedPosts = () => replicas.flatMap((r) => r.discord.channels.get(server.announcementsId)!.messages);
    const advanceBoth = (ms: number) => replicas.forEach((r) => r.advance(ms));
    try {
      await eventually(async () => (await a.prisma.feedState.findUnique({ where: { name: 'shared' } }))?.primed, 10_000, 'the first poll');
      // The server ignores validators (new ETag each time): every poll sees every item again.
      feeds.serve('/shared.xml', blog([item(4), item(3), item(2), item(1)]), { etag: 'changing' });
      const sharedState = () => a.prisma.feedState.findUnique({ where: { name: 'shared' } });
      for (let round = 0; round < 4; round++) {
        const before = (await sharedState())!.lastPollAt!.getTime();
        advanceBoth(2 * MINUTE);
        // Done polling (and its next poll stored) before the clocks move again.
        await eventually(async () => {
          const state = (await sharedState())!;
          return state.lastPollAt!.getTime() > before && state.leaseUntil === null;
        }, 10_000, `poll round ${round}`);
      }
      await eventually(() => sharedPosts().length === 2, 10_000, 'the two new items');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sharedPosts().map((m) => m.embeds[0].title).sort()).toEqual(['News 3', 'News 4']);
      expect(await a.prisma.announcement.count()).toBe(2);
    } finally {
      await Promise.all(replicas.map((r) => r.close()));
      await shared.drop();
    }
  });
});
