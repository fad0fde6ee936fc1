import { FeedParseError, parseFeedEntries, plain } from './feed-items';

const rss = (items: string) => `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Blog</title>${items}</channel></rss>`;

describe('feed items', () => {
  it('reads RSS items newest first, with plain-text summaries and an image from an enclosure or the HTML', () => {
    const feed = parseFeedEntries(
      rss(
        '<item><title>Old</title><link>https://x/old</link><guid>1</guid><pubDate>Sun, 01 Nov 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;Hi &amp;amp; &lt;img src="https://x/old.png"&gt;bye&lt;/p&gt;</description></item>' +
          '<item><title>New</title><link>https://x/new</link><guid>2</guid><pubDate>Tue, 03 Nov 2026 10:00:00 GMT</pubDate><enclosure url="https://x/new.jpg" type="image/jpeg" length="1"/></item>',
      ),
    );
    expect(feed.title).toBe('Blog');
    expect(feed.entries.map((e) => [e.title, e.url, e.imageUrl])).toEqual([
      ['New', 'https://x/new', 'https://x/new.jpg'],
      ['Old', 'https://x/old', 'https://x/old.png'],
    ]);
    expect(feed.entries[1].summary).toBe('Hi & bye');
    expect(feed.entries[0].publishedAt).toEqual(new Date('2026-11-03T10:00:00Z'));
  });

  it('identifies an item by its id, else its link; the same item twice is one entry', () => {
    const byId = parseFeedEntries(rss('<item><title>A</title><link>https://x/a</link><guid>same</guid></item>')).entries[0].key;
    const movedLink = parseFeedEntries(rss('<item><title>A (edited)</title><link>https://x/a2</link><guid>same</guid></item>')).entries[0].key;
    expect(movedLink).toBe(byId);
    const noGuid = parseFeedEntries(rss('<item><title>B</title><link>https://x/b</link></item><item><title>B</title><link>https://x/b</link></item>'));
    expect(noGuid.entries).toHaveLength(1);
    expect(noGuid.entries[0].key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses what is not a feed', () => {
    expect(() => parseFeedEntries('<html><body>Not a feed</body></html>')).toThrow(FeedParseError);
    expect(() => parseFeedEntries('<rss><channel><item><title>cut</ti')).toThrow(/not valid RSS, Atom or JSON Feed/);
    expect(() => parseFeedEntries('{"hello": 1}')).toThrow(FeedParseError);
  });

  it('turns HTML into text Discord can show', () => {
    expect(plain('<p>One&nbsp;&lt;two&gt;</p><script>x()</script><p>&#8217;three&#x21;</p>')).toBe('One <two>\n\u2019three!');
    expect(plain('bad &#99999999; &bogus;')).toBe('bad &#99999999; &bogus;');
  });
});
