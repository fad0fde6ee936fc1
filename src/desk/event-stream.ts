import type { ServerResponse } from 'node:http';
import type { DeskEventsFeed, DeskEventView } from './desk-events.feed';

const MAX_REMEMBERED = 2000;

/** One open text/event-stream response: the replay after Last-Event-ID, then live events and heartbeats. */
export class EventStream {
  private readonly sent = new Set<string>();
  private readonly buffered: DeskEventView[] = [];
  private replaying = true;
  private start_ = 0n;
  private heartbeat?: NodeJS.Timeout;
  private unsubscribe?: () => void;
  private closed = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly feed: DeskEventsFeed,
    private readonly options: { heartbeatMs: number; stillValid: () => Promise<boolean> },
  ) {}

  async start(afterId: bigint): Promise<void> {
    this.start_ = afterId;
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to
      'x-accel-buffering': 'no',
    });
    this.response.write(`retry: 3000\n: connected\n\n`);
    this.unsubscribe = this.feed.subscribe({
      send: (event) => (this.replaying ? this.buffered.push(event) : this.send(event)),
      end: () => {
        this.close();
        this.response.end();
      },
    });
    this.heartbeat = setInterval(() => void this.beat(), this.options.heartbeatMs);
    try {
      for (const event of await this.feed.since(afterId)) this.send(event);
    } finally {
      this.replaying = false;
      for (const event of this.buffered.splice(0)) this.send(event);
    }
  }

  private send(event: DeskEventView): void {
    if (this.closed || BigInt(event.id) <= this.start_ || this.sent.has(event.id)) return;
    this.sent.add(event.id);
    if (this.sent.size > MAX_REMEMBERED) this.sent.delete(this.sent.values().next().value as string);
    this.response.write(`id: ${event.id}\nevent: ${event.kind}\ndata: ${JSON.stringify({ ...(event.data as object), at: event.createdAt })}\n\n`);
  }

  private async beat(): Promise<void> {
    if (!(await this.options.stillValid())) {
      this.response.write(`event: session.ended\ndata: {}\n\n`);
      this.close();
      this.response.end();
      return;
    }
    if (!this.closed) this.response.write(`: heartbeat ${new Date().toISOString()}\n\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.unsubscribe?.();
  }
}
