import { Logger } from '@nestjs/common';
import { snowflake } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { announcementServer, AnnouncementTestApp, createAnnouncementTestApp } from './announcement-test-app';

describe('Start-up check of the announcement channels', () => {
  const server = announcementServer();
  const missing = snowflake();
  const error = jest.spyOn(Logger.prototype, 'error');
  let t: AnnouncementTestApp;

  beforeAll(async () => {
    t = await createAnnouncementTestApp(server, {
      DISCORD_ANNOUNCEMENT_CHANNEL_ID: missing,
      ANNOUNCEMENT_FEEDS: `blog http://127.0.0.1:9/feed.xml channel=${server.announcementsId} every=1h; news http://127.0.0.1:9/news.xml channel=${server.lockedId} every=1h`,
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a channel the bot cannot find or post in is one clear line naming the variable; a good channel is not mentioned', async () => {
    const lines = () => error.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('announcements cannot be posted'));
    await eventually(() => lines().length >= 2, 10_000, 'the start-up check');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines()).toEqual([
      `DISCORD_ANNOUNCEMENT_CHANNEL_ID=${missing}: announcements cannot be posted there: no such channel, or the bot cannot see it (is the bot in that server, with View Channel?)`,
      `ANNOUNCEMENT_FEEDS (feed "news") channel=${server.lockedId}: announcements cannot be posted there: the bot lacks Send Messages in that channel`,
    ]);
  });
});
