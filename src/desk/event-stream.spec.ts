import type { ServerResponse } from 'node:http';
import type { DeskEventsFeed, DeskEventView } from './desk-events.feed';
import { EventStream } from './event-stream';

const event = (id: number, kind = 'case.changed'): DeskEventView => ({ id: String(id), kind, data: { caseNumber: id }, createdAt: new Date(0) });

/** A feed whose replay is held until released, so live events can arrive in the middle of it. */
function fakeFeed(stored: DeskEventView[]) {
  let live: ((e: DeskEventView) => void) | undefined;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const feed = {
    since: async (after: bigint) => {
      await held;
      return stored.filter((e) => BigInt(e.id) > after);
    },
    subscribe: (subscriber: { send: (e: DeskEventView) => void }) => {
      live = subscriber.send;
      return () => (live = undefined);
    },
  } as unknown as DeskEventsFeed;
  return { feed, push: (e: DeskEventView) => live?.(e), release, subscribed: () => live !== undefined };
}

function fakeResponse() {
  const chunks: string[] = [];
  const response = { writeHead: jest.fn(), write: (chunk: string) => chunks.push(chunk), end: jest.fn() } as unknown as ServerResponse;
  const ids = () => chunks.join('').match(/^id: \d+$/gm)?.map((line) => Number(line.slice(4))) ?? [];
  return { response, chunks, ids };
}

describe('EventStream', () => {
  it('replays after Last-Event-ID, then sends live events once each and in order, never older ones', async () => {
    const { feed, push, release } = fakeFeed([event(5), event(6), event(7)]);
    const out = fakeResponse();
    const stream = new EventStream(out.response, feed, { heartbeatMs: 60_000, stillValid: async () => true });
    const started = stream.start(5n);
    push(event(7)); // arrives live while the replay is still being read: sent once
    push(event(8));
    release();
    await started;
    push(event(4)); // older than where the client resumed
    push(event(9));
    stream.close();
    push(event(10)); // after close: nothing
    expect(out.ids()).toEqual([6, 7, 8, 9]);
    expect(out.chunks.join('')).toContain('event: case.changed\ndata: {"caseNumber":6,');
  });

  it('ends the stream at a heartbeat when the session is no longer valid', async () => {
    jest.useFakeTimers();
    try {
      const { feed, release, subscribed } = fakeFeed([]);
      release();
      const out = fakeResponse();
      let valid = true;
      const stream = new EventStream(out.response, feed, { heartbeatMs: 1000, stillValid: async () => valid });
      await stream.start(0n);
      await jest.advanceTimersByTimeAsync(1000);
      expect(out.chunks.join('')).toMatch(/: heartbeat /);
      valid = false;
      await jest.advanceTimersByTimeAsync(1000);
      expect(out.chunks.join('')).toContain('event: session.ended');
      expect(out.response.end).toHaveBeenCalled();
      expect(subscribed()).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});
