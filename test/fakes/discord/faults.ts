import type { ServerResponse } from 'node:http';
import type { RouteResult } from './rest-routes';
import type { InjectedFailure, RequestMatch } from './types';

/** What tests inject into the fake's answers: errors, Discord's global rate limit, latency. */
export class FakeFaults {
  private readonly failures: { match: RequestMatch; failure: InjectedFailure; remaining: number }[] = [];
  private readonly latencies: { match: RequestMatch; ms: number }[] = [];
  private rateLimit: { perSecond: number; windowStart: number; count: number } | null = null;

  failNext(match: RequestMatch, failure: InjectedFailure): void {
    this.failures.push({ match, failure, remaining: failure.times ?? 1 });
  }

  setGlobalRateLimit(perSecond: number | null): void {
    this.rateLimit = perSecond === null ? null : { perSecond, windowStart: Date.now(), count: 0 };
  }

  setLatency(ms: number, match: RequestMatch): void {
    this.latencies.push({ match, ms });
  }

  clearLatency(): void {
    this.latencies.length = 0;
  }

  private matches(match: RequestMatch, method: string, template: string, path: string): boolean {
    if (match.method && match.method.toUpperCase() !== method) return false;
    if (match.route === undefined) return true;
    return typeof match.route === 'string' ? match.route === template : match.route.test(path);
  }

  takeFailure(method: string, template: string, path: string): InjectedFailure | null {
    const entry = this.failures.find((f) => f.remaining > 0 && this.matches(f.match, method, template, path));
    if (!entry) return null;
    entry.remaining--;
    return entry.failure;
  }

  /** Requests held back by injected latency, as they arrived; `abandoned` once the client went away before the answer. */
  readonly delayed: { method: string; path: string; abandoned: boolean }[] = [];

  async delay(method: string, template: string, path: string, response?: ServerResponse): Promise<void> {
    const ms = this.latencies.filter((l) => this.matches(l.match, method, template, path)).reduce((sum, l) => sum + l.ms, 0);
    if (ms <= 0) return;
    const entry = { method, path, abandoned: false };
    this.delayed.push(entry);
    response?.once('close', () => (entry.abandoned = !response.writableFinished));
    await new Promise((resolve) => setTimeout(resolve, ms).unref()); // a stopped test does not wait for it
  }

  /**
   * Discord's global limit ("Rate Limits" → Global Rate Limit): one count per bot token, whichever
   * process or connection sends (the fake has one token, so every bot-authenticated request of every
   * client counts); interaction endpoints are not bound to it (their routes are auth 'none' here).
   * Above the limit: 429 with `global: true`, `X-RateLimit-Global` and `X-RateLimit-Scope: global`.
   */
  checkRateLimit(): RouteResult | null {
    if (!this.rateLimit) return null;
    const now = Date.now();
    if (now - this.rateLimit.windowStart >= 1000) {
      this.rateLimit.windowStart = now;
      this.rateLimit.count = 0;
    }
    this.rateLimit.count++;
    if (this.rateLimit.count <= this.rateLimit.perSecond) return null;
    const retryAfter = Math.max(0.001, (this.rateLimit.windowStart + 1000 - now) / 1000);
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true, code: 0 },
      headers: {
        'retry-after': String(Math.ceil(retryAfter)),
        'x-ratelimit-global': 'true',
        'x-ratelimit-scope': 'global',
      },
    };
  }
}
