import type { IncomingMessage } from 'node:http';
import type { RecordedFile } from './http';
import type { RouteResult } from './rest-routes';
import type { RecordedRequest } from './types';

/** What the fake recorded of one HTTP request, before it is numbered. */
export interface RequestRecord {
  method: string;
  path: string;
  route: string | null;
  params: Record<string, string>;
  url: URL;
  request: IncomingMessage;
  body: unknown;
  files: RecordedFile[];
  result: RouteResult;
  injected?: RecordedRequest['injected'];
}

/**
 * Every request the fake served, in order, and the waiting on them: `until` re-checks its condition
 * on each recorded request or gateway activity (`notify`), so tests wait for events, not for time.
 */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  private readonly listeners = new Set<() => void>();
  private seq = 0;

  record(input: RequestRecord): void {
    this.requests.push({
      seq: ++this.seq,
      at: Date.now(),
      method: input.method,
      path: input.path,
      route: input.route,
      params: input.params,
      query: Object.fromEntries(input.url.searchParams),
      authorization: input.request.headers.authorization,
      body: input.body,
      files: input.files,
      status: input.result.status,
      response: Buffer.isBuffer(input.result.body) ? undefined : input.result.body,
      injected: input.injected,
    });
    this.notify();
  }

  /** Resolves with the first recorded request (past or future) matching the predicate. */
  async waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
    await this.until(() => this.requests.some(predicate), timeoutMs, 'a matching request');
    return this.requests.find(predicate)!;
  }

  /** Requests matching an OpenAPI template (and method). */
  to(route: string, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route && (!method || r.method === method));
  }

  until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        const recent = this.requests.slice(-10).map((r) => `${r.method} ${r.path} → ${r.status}`);
        reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}; last requests:\n  ${recent.join('\n  ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
