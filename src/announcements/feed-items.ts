import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';

/** One feed item, whatever the format (RSS 2.0, Atom, RDF or JSON Feed), as an announcement needs it. */
export interface FeedEntry {
  /** sha256 of the item's id, else its link, else its title and date: the identity remembered in Postgres. */
  key: string;
  title: string;
  summary: string;
  url: string | null;
  imageUrl: string | null;
  publishedAt: Date | null;
}

export interface ParsedFeed {
  title: string | null;
  /** Newest first (by date when the items have one, else in document order). */
  entries: FeedEntry[];
}

export class FeedParseError extends Error {
  readonly code = 'malformed';
}

const SUMMARY_LENGTH = 500;
type Loose = Record<string, any>;

/** Parses with feedsmith (format detected); anything it cannot read is a FeedParseError. */
export function parseFeedEntries(body: string): ParsedFeed {
  let parsed: { format: string; feed: Loose };
  try {
    parsed = parseFeed(body) as { format: string; feed: Loose };
  } catch (error) {
    throw new FeedParseError(`the feed is not valid RSS, Atom or JSON Feed (${error instanceof Error ? error.message : String(error)})`);
  }
  const feed = parsed.feed;
  const items: Loose[] = feed.items ?? feed.entries ?? [];
  const keys = new Set<string>();
  const entries = items
    .map((item, index) => toEntry(item, index))
    .filter((entry): entry is FeedEntry => entry !== null && !keys.has(entry.key) && Boolean(keys.add(entry.key)));
  const dated = entries.every((entry) => entry.publishedAt !== null);
  if (dated) entries.sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime());
  return { title: text(feed.title) || null, entries };
}

function toEntry(item: Loose, index: number): FeedEntry | null {
  const url = linkOf(item);
  const title = plain(text(item.title)) || plain(text(item.media?.groups?.[0]?.title)) || '';
  const id = text(item.guid) || text(item.id) || url;
  const date = dateOf(item.pubDate ?? item.published ?? item.date_published ?? item.updated ?? item.date_modified ?? item.dc?.date ?? item.dc?.dates?.[0]);
  if (!id && !title) return null; // nothing to recognise it by next time
  const identity = id || `${title}|${date?.toISOString() ?? index}`;
  const summarySource =
    text(item.summary) || text(item.description) || text(item.content_text) || text(item.content_html) || text(item.content) || text(item.content?.encoded) || text(item.media?.groups?.[0]?.description);
  return {
    key: createHash('sha256').update(identity).digest('hex'),
    title: truncate(title || url || 'New post', 256),
    summary: truncate(plain(summarySource), SUMMARY_LENGTH),
    url: url && /^https?:\/\//.test(url) ? url : null,
    imageUrl: imageOf(item, summarySource),
    publishedAt: date,
  };
}

/** feedsmith gives text either as a string or as `{ value }` (Atom text constructs, RSS guid). */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (value && typeof value === 'object' && 'value' in value && typeof (value as Loose).value === 'string') return (value as Loose).value.trim();
  return '';
}

function linkOf(item: Loose): string | null {
  if (typeof item.link === 'string') return item.link.trim();
  if (typeof item.url === 'string') return item.url.trim();
  const links: Loose[] = Array.isArray(item.links) ? item.links : [];
  const alternate = links.find((link) => !link.rel || link.rel === 'alternate') ?? links[0];
  return typeof alternate?.href === 'string' ? alternate.href.trim() : null;
}

function imageOf(item: Loose, html: string): string | null {
  const candidates: unknown[] = [
    item.image,
    item.banner_image,
    ...(item.enclosures ?? []).filter((e: Loose) => String(e.type ?? '').startsWith('image/')).map((e: Loose) => e.url),
    item.enclosure?.type?.startsWith?.('image/') ? item.enclosure.url : undefined,
    ...(item.media?.thumbnails ?? []).map((t: Loose) => t.url),
    ...(item.media?.groups ?? []).flatMap((g: Loose) => (g.thumbnails ?? []).map((t: Loose) => t.url)),
    ...(item.media?.contents ?? []).filter((c: Loose) => c.medium === 'image' || String(c.type ?? '').startsWith('image/')).map((c: Loose) => c.url),
    item.itunes?.image,
    /<img[^>]+src=["']([^"']+)["']/i.exec(html)?.[1],
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && /^https?:\/\//.test(c));
  return found ?? null;
}

function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML summary → plain text for an embed (Discord renders Markdown, not HTML). */
export function plain(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (all, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? all;
      const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1).trimEnd()}…`;
}
