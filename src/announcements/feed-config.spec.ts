import { loadConfig } from '../config/app-config';
import { DEFAULT_FEED_INTERVAL_MS, parseFeedList } from './feed-config';

describe('ANNOUNCEMENT_FEEDS', () => {
  it('reads feeds separated by ";" or new lines, with their options', () => {
    const feeds = parseFeedList(
      'blog https://game.example/feed.xml; youtube https://www.youtube.com/feeds/videos.xml?channel_id=UC1 channel=123456789012345678 role=<@&223456789012345678> every=30m latest\n bsky https://bsky.app/profile/game.example/rss role=323456789012345678',
    );
    expect(feeds).toEqual([
      { name: 'blog', url: 'https://game.example/feed.xml', channelId: null, mentionRoleId: null, intervalMs: DEFAULT_FEED_INTERVAL_MS, postLatest: false },
      { name: 'youtube', url: 'https://www.youtube.com/feeds/videos.xml?channel_id=UC1', channelId: '123456789012345678', mentionRoleId: '223456789012345678', intervalMs: 30 * 60_000, postLatest: true },
      { name: 'bsky', url: 'https://bsky.app/profile/game.example/rss', channelId: null, mentionRoleId: '323456789012345678', intervalMs: DEFAULT_FEED_INTERVAL_MS, postLatest: false },
    ]);
    expect(parseFeedList('')).toEqual([]);
    expect(parseFeedList(undefined)).toEqual([]);
  });

  it.each([
    ['blog', 'needs an http(s) URL'],
    ['blog ftp://x/feed', 'needs an http(s) URL'],
    ['bl!og https://x/feed', 'is not a feed name'],
    ['blog https://x/a; blog https://x/b', 'used twice'],
    ['blog https://x/a every=10s', 'between 1m and 7d'],
    ['blog https://x/a channel=general', 'unknown or invalid option "channel=general"'],
    ['blog https://x/a colour=red', 'unknown or invalid option'],
  ])('refuses %j (%s)', (value, message) => {
    expect(() => parseFeedList(value)).toThrow(message);
  });

  it('is validated with the rest of the configuration: a feed needs a channel', () => {
    expect(() => loadConfig({ ANNOUNCEMENT_FEEDS: 'blog https://x/feed' })).toThrow(
      /ANNOUNCEMENT_FEEDS=.*feed "blog" has no channel=<id> and DISCORD_ANNOUNCEMENT_CHANNEL_ID is not set/,
    );
    expect(() => loadConfig({ ANNOUNCEMENT_FEEDS: 'blog https://x/feed every=2' })).toThrow(/every=2 must be between 1m and 7d/);
    const config = loadConfig({ ANNOUNCEMENT_FEEDS: 'blog https://x/feed', DISCORD_ANNOUNCEMENT_CHANNEL_ID: '123456789012345678' });
    expect(config.ANNOUNCEMENT_FEEDS).toBe('blog https://x/feed');
  });
});
