import { Logger } from '@nestjs/common';
import { Role } from '../../src/generated/prisma/enums';
import { eventually } from '../utils/eventually';
import { FakeFeedServer } from '../fakes/feeds';
import { announcementServer, AnnouncementTestApp, createAnnouncementTestApp } from './announcement-test-app';

const MINUTE = 60_000;
const day = (n: number) => new Date(Date.UTC(2026, 10, n));

describe('Feeds: formats, first poll, and feeds that misbehave', () => {
  const server = announcementServer();
  let feeds: FakeFeedServer;
  let t: AnnouncementTestApp;
  let lead: { authorization: string };
  const warn = jest.spyOn(Logger.prototype, 'warn');
  const log = jest.spyOn(Logger.prototype, 'log');

  beforeAll(async () => {
    feeds = await FakeFeedServer.start();
    feeds.serve('/videos.atom', {
      format: 'atom',
      title: 'Game on YouTube',
      items: [
        { id: 'yt:video:old', title: 'Old trailer', link: 'https://www.youtube.com/watch?v=old', published: day(1), image: 'https://i.ytimg.com/vi/old/hq.jpg' },
        { id: 'yt:video:new', title: 'Launch trailer', link: 'https://www.youtube.com/watch?v=new', summary: 'Watch it', published: day(5), image: 'https://i.ytimg.com/vi/new/hq.jpg' },
      ],
    });
    feeds.serve('/social.json', { format: 'json', title: 'Game on Bluesky', items: [{ id: 'post-1', title: 'Hello', link: 'https://bsky.app/p/1', published: day(1) }] });
    feeds.malformed('/broken.xml');
    feeds.redirect('/loop-a', '/loop-b');
    feeds.redirect('/loop-b', '/loop-a');
    feeds.huge('/huge.xml', 300_000);
    feeds.serve('/slow.xml', { format: 'rss', title: 'Slow', items: [] }, { delayMs: 2000 });
    const list = [
      `videos ${feeds.url('/videos.atom')} channel=${server.newsTextId} latest`,
      `social ${feeds.url('/social.json')} channel=${server.newsTextId}`,
      `broken ${feeds.url('/broken.xml')}`,
      `loop ${feeds.url('/loop-a')}`,
      `huge ${feeds.url('/huge.xml')}`,
      `slow ${feeds.url('/slow.xml')}`,
    ];
    t = await createAnnouncementTestApp(server, { ANNOUNCEMENT_FEEDS: list.join('; '), ANNOUNCEMENT_FEED_TIMEOUT_MS: '500', ANNOUNCEMENT_FEED_MAX_BYTES: '100000' });
    lead = await t.keyFor(Role.LEAD);
  });

  afterAll(async () => {
    await t?.close();
    await feeds?.close();
  });

  const feedList = async () => (await t.request({ method: 'GET', url: '/api/announcements/feeds', headers: lead })).json() as Record<string, any>[];
  const feed = async (name: string) => (await feedList()).find((f) => f.name === name)!;
  const news = () => t.discord.channels.get(server.newsTextId)!.messages;
  /** Moves the clock by `ms` and waits for the feed's next poll to be finished and recorded. */
  async function pollAgain(name: string, ms: number): Promise<void> {
    const state = () => t.prisma.feedState.findUniqueOrThrow({ where: { name } });
    const before = (await state()).lastPollAt!.getTime();
    t.advance(ms);
    await eventually(async () => {
      const now = await state();
      return now.lastPollAt!.getTime() > before && now.leaseUntil === null;
    }, 10_000, `another poll of ${name}`);
  }
  const linesAbout = (spy: jest.SpyInstance, name: string) => spy.mock.calls.filter(([message]) => typeof message === 'string' && message.includes(`Feed "${name}"`));

  it('an Atom feed with `latest` posts only its newest item on the first poll; a JSON Feed posts nothing old', async () => {
    const trailer = await eventually(() => news().find((m) => m.embeds[0]?.title === 'Launch trailer'), 10_000, 'the latest video');
    expect(trailer.embeds[0]).toMatchObject({ url: 'https://www.youtube.com/watch?v=new', image: { url: 'https://i.ytimg.com/vi/new/hq.jpg' }, footer: { text: 'Game on YouTube' } });
    await eventually(async () => (await feed('social')).primed, 10_000, 'the JSON feed primed');
    expect(news().map((m) => m.embeds[0]?.title)).toEqual(['Launch trailer']);
    // A plain text channel has no followers: no crosspost is attempted there.
    expect(t.discord.requestsTo('/channels/{channel_id}/messages/{message_id}/crosspost')).toEqual([]);

    feeds.serve('/social.json', {
      format: 'json',
      title: 'Game on Bluesky',
      items: [{ id: 'post-2', title: 'Servers are up', link: 'https://bsky.app/p/2', summary: 'Go go go', published: day(6) }, { id: 'post-1', title: 'Hello', link: 'https://bsky.app/p/1', published: day(1) }],
    });
    t.advance(16 * MINUTE);
    await eventually(() => news().find((m) => m.embeds[0]?.title === 'Servers are up'), 10_000, 'the new JSON Feed item');
  });

  it('a malformed feed is one log line and no post however often it fails, and its recovery is another', async () => {
    await eventually(async () => (await feed('broken')).lastError, 10_000, 'the broken feed to fail');
    const first = await feed('broken');
    expect(first.lastError).toMatch(/not valid RSS, Atom or JSON Feed/);
    expect(first.lastSuccessAt).toBeNull();
    expect(new Date(first.nextPollAt).getTime()).toBeGreaterThan(new Date(first.lastErrorAt).getTime());

    await pollAgain('broken', 35 * MINUTE);
    await pollAgain('broken', 65 * MINUTE);
    expect((await feed('broken')).failuresInARow).toBeGreaterThanOrEqual(3); // the first test's clock moves may add one
    expect(linesAbout(warn, 'broken')).toHaveLength(1);
    expect(await t.prisma.announcement.count({ where: { createdBy: 'feed:broken' } })).toBe(0);
    expect(t.discord.channels.get(server.announcementsId)!.messages).toEqual([]);

    feeds.serve('/broken.xml', { format: 'rss', title: 'Fixed', items: [] });
    await pollAgain('broken', 6 * 60 * MINUTE);
    expect((await feed('broken')).lastError).toBeNull();
    expect(linesAbout(log, 'broken').filter(([m]) => String(m).includes('works again'))).toHaveLength(1);
  });

  it('redirect loops, huge bodies and slow servers fail with a clear error each, and are retried later', async () => {
    const errors = await eventually(async () => {
      const [loop, huge, slow] = await Promise.all([feed('loop'), feed('huge'), feed('slow')]);
      return loop.lastError && huge.lastError && slow.lastError ? { loop, huge, slow } : null;
    }, 15_000, 'all three to fail');
    expect(errors.loop.lastError).toMatch(/redirects in a circle: .*\/loop-a → .*\/loop-b → .*\/loop-a/);
    expect(errors.huge.lastError).toMatch(/larger than 100000 bytes/);
    expect(errors.slow.lastError).toMatch(/within 500 ms/);
    for (const name of ['loop', 'huge', 'slow']) {
      expect(linesAbout(warn, name)).toHaveLength(1);
      const state = errors[name as keyof typeof errors];
      expect(new Date(state.nextPollAt).getTime()).toBeGreaterThan(new Date(state.lastErrorAt).getTime());
    }
    expect(feeds.requestsTo('/loop-a').length).toBeGreaterThan(0);
  });
});
