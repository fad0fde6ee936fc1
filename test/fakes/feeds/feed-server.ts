import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFeed, render } from './feed-documents';

/**
 * A local feed host: the studio's blog, a YouTube channel, an RSS bridge... and the ways they
 * misbehave. Conditional requests follow RFC 9110 (§13.1.2 If-None-Match before §13.1.3
 * If-Modified-Since; a match is 304 without a body).
 */
export type FeedRoute =
  | { kind: 'feed'; feed: FakeFeed; etag: 'content' | 'changing' | 'none'; lastModified: Date | null; delayMs: number }
  | { kind: 'raw'; status: number; body: string; contentType: string; headers: Record<string, string> }
  | { kind: 'redirect'; to: string; status: number }
  | { kind: 'huge'; bytes: number; declareLength: boolean };

export interface FeedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  status: number;
}

export class FakeFeedServer {
  readonly requests: FeedRequest[] = [];
  private readonly routes = new Map<string, FeedRoute>();
  private server!: Server;
  private port = 0;
  private etagCounter = 0;

  static async start(): Promise<FakeFeedServer> {
    const fake = new FakeFeedServer();
    fake.server = createServer((request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Serves a feed; `etag: 'content'` (default) is a hash of the body, 'changing' a new one per response. */
  serve(path: string, feed: FakeFeed, options: { etag?: 'content' | 'changing' | 'none'; lastModified?: Date | null; delayMs?: number } = {}): void {
    this.routes.set(path, { kind: 'feed', feed, etag: options.etag ?? 'content', lastModified: options.lastModified ?? null, delayMs: options.delayMs ?? 0 });
  }

  raw(path: string, body: string, options: { status?: number; contentType?: string; headers?: Record<string, string> } = {}): void {
    this.routes.set(path, { kind: 'raw', status: options.status ?? 200, body, contentType: options.contentType ?? 'application/rss+xml', headers: options.headers ?? {} });
  }

  /** Not XML at all halfway through: a broken template, a truncated upload. */
  malformed(path: string): void {
    this.raw(path, '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Half an item</ti');
  }

  redirect(path: string, to: string, status = 302): void {
    this.routes.set(path, { kind: 'redirect', to, status });
  }

  /** A body of `bytes` bytes, streamed; without Content-Length when `declareLength` is false (chunked). */
  huge(path: string, bytes: number, declareLength = false): void {
    this.routes.set(path, { kind: 'huge', bytes, declareLength });
  }

  requestsTo(path: string): FeedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname + (new URL(request.url ?? '/', 'http://localhost').search);
    const route = this.routes.get(path);
    const status = await this.answer(route, request, response).catch(() => 500);
    this.requests.push({ path, headers: request.headers, status });
  }

  private async answer(route: FeedRoute | undefined, request: IncomingMessage, response: ServerResponse): Promise<number> {
    if (!route) return this.end(response, 404, { 'content-type': 'text/plain' }, 'Not Found');
    if (route.kind === 'redirect') return this.end(response, route.status, { location: route.to }, '');
    if (route.kind === 'raw') return this.end(response, route.status, { 'content-type': route.contentType, ...route.headers }, route.body);
    if (route.kind === 'huge') {
      response.writeHead(200, { 'content-type': 'application/rss+xml', ...(route.declareLength ? { 'content-length': String(route.bytes) } : {}) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent < route.bytes && !response.destroyed; sent += chunk.length) {
        if (!response.write(chunk.subarray(0, Math.min(chunk.length, route.bytes - sent)))) await new Promise((resolve) => response.once('drain', resolve).once('close', resolve));
      }
      response.end();
      return 200;
    }
    if (route.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, route.delayMs).unref());
    const { body, contentType } = render(route.feed);
    const etag = route.etag === 'none' ? null : route.etag === 'changing' ? `"v${++this.etagCounter}"` : `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = { 'content-type': contentType, ...(etag ? { etag } : {}), ...(route.lastModified ? { 'last-modified': route.lastModified.toUTCString() } : {}) };
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    if (ifNoneMatch !== undefined) {
      if (etag && ifNoneMatch.split(',').map((t) => t.trim()).includes(etag)) return this.end(response, 304, headers, '');
    } else if (ifModifiedSince && route.lastModified && Date.parse(ifModifiedSince) >= Math.floor(route.lastModified.getTime() / 1000) * 1000) {
      return this.end(response, 304, headers, '');
    }
    return this.end(response, 200, headers, body);
  }

  private end(response: ServerResponse, status: number, headers: Record<string, string>, body: string): number {
    if (response.destroyed) return status;
    response.writeHead(status, status === 304 ? Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'content-type')) : headers);
    response.end(status === 304 ? undefined : body);
    return status;
  }
}
