/**
 * Feed documents as publishers write them: RSS 2.0 (https://www.rssboard.org/rss-specification),
 * Atom (RFC 4287, with YouTube's media:group thumbnails) and JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
 */
export interface FakeFeedItem {
  id: string;
  title: string;
  link: string;
  summary?: string;
  image?: string;
  published: Date;
}

export interface FakeFeed {
  format: 'rss' | 'atom' | 'json';
  title: string;
  items: FakeFeedItem[];
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function rss(feed: FakeFeed): string {
  const items = feed.items
    .map(
      (item) => `<item><title>${xml(item.title)}</title><link>${xml(item.link)}</link><guid isPermaLink="false">${xml(item.id)}</guid>` +
        `<pubDate>${item.published.toUTCString()}</pubDate>${item.summary ? `<description>${xml(`<p>${item.summary}</p>`)}</description>` : ''}` +
        `${item.image ? `<enclosure url="${xml(item.image)}" type="image/png" length="1234"/>` : ''}</item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${xml(feed.title)}</title><link>https://game.example/</link><description>News</description>${items}</channel></rss>`;
}

export function atom(feed: FakeFeed): string {
  const entries = feed.items
    .map(
      (item) => `<entry><id>${xml(item.id)}</id><title>${xml(item.title)}</title><link rel="alternate" href="${xml(item.link)}"/>` +
        `<published>${item.published.toISOString()}</published><updated>${item.published.toISOString()}</updated>` +
        `${item.summary ? `<summary>${xml(item.summary)}</summary>` : ''}` +
        `${item.image ? `<media:group><media:thumbnail url="${xml(item.image)}" width="480" height="360"/></media:group>` : ''}</entry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><id>urn:feed:${xml(feed.title)}</id><title>${xml(feed.title)}</title><updated>${new Date(0).toISOString()}</updated>${entries}</feed>`;
}

export function jsonFeed(feed: FakeFeed): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.link,
      title: item.title,
      content_text: item.summary ?? '',
      ...(item.image ? { image: item.image } : {}),
      date_published: item.published.toISOString(),
    })),
  });
}

export function render(feed: FakeFeed): { body: string; contentType: string } {
  if (feed.format === 'json') return { body: jsonFeed(feed), contentType: 'application/feed+json' };
  if (feed.format === 'atom') return { body: atom(feed), contentType: 'application/atom+xml; charset=utf-8' };
  return { body: rss(feed), contentType: 'application/rss+xml; charset=utf-8' };
}
