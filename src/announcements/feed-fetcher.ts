/**
 * One polite HTTP GET of a feed: conditional (ETag / Last-Modified), bounded in time and size, and
 * following redirects by hand so a loop is reported as one clear error instead of "fetch failed".
 */
export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedResponse =
  | { kind: 'not_modified' }
  | { kind: 'ok'; body: string; etag: string | null; lastModified: string | null; finalUrl: string };

export class FeedFetchError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** From Retry-After on 429/503: the feed asked us to wait this long. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

const MAX_REDIRECTS = 5;
const ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
const USER_AGENT = 'discord-flex-bridge-feeds/1.0 (announcements reader)';

export async function fetchFeed(url: string, validators: FeedValidators, limits: { timeoutMs: number; maxBytes: number }): Promise<FeedResponse> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const { response, finalUrl } = await followRedirects(url, validators, signal);
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'not_modified' };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new FeedFetchError(`http_${response.status}`, `the feed answered HTTP ${response.status}`, retryAfterMs(response));
    }
    const body = await readCapped(response, limits.maxBytes);
    return { kind: 'ok', body, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'), finalUrl };
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (signal.aborted) throw new FeedFetchError('timeout', `no complete answer within ${limits.timeoutMs} ms`);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new FeedFetchError('network', `could not fetch the feed (${error instanceof Error ? error.message : String(error)}${cause})`);
  }
}

async function followRedirects(url: string, validators: FeedValidators, signal: AbortSignal): Promise<{ response: Response; finalUrl: string }> {
  const visited = [url];
  let current = url;
  for (;;) {
    const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': USER_AGENT };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    const response = await fetch(current, { headers, redirect: 'manual', signal });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || response.status === 304 || !location) return { response, finalUrl: current };
    await response.body?.cancel();
    const next = new URL(location, current).toString();
    if (!/^https?:/.test(next)) throw new FeedFetchError('bad_redirect', `the feed redirects to a non-http address: ${next}`);
    if (visited.includes(next)) throw new FeedFetchError('redirect_loop', `the feed redirects in a circle: ${[...visited, next].join(' → ')}`);
    if (visited.length > MAX_REDIRECTS) throw new FeedFetchError('too_many_redirects', `the feed redirects more than ${MAX_REDIRECTS} times`);
    visited.push(next);
    current = next;
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => new FeedFetchError('too_large', `the feed is larger than ${maxBytes} bytes (ANNOUNCEMENT_FEED_MAX_BYTES)`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

function retryAfterMs(response: Response): number | null {
  if (response.status !== 429 && response.status !== 503) return null;
  const header = response.headers.get('retry-after');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
