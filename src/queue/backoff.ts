/**
 * How long to wait before the next attempt: exponential from `baseMs`, capped at `maxMs`, with
 * "equal jitter" (half fixed, half random) so retries of many jobs failing together spread out
 * but never collapse to zero. A server's own Retry-After wins when it asks for longer.
 */
export function retryDelayMs(
  attempt: number,
  options: { baseMs: number; maxMs: number; retryAfterMs?: number },
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential / 2 + random() * (exponential / 2));
  return options.retryAfterMs !== undefined && options.retryAfterMs > jittered ? Math.ceil(options.retryAfterMs) : jittered;
}

/** An error may say when to retry (e.g. a Discord or Twilio 429): `retryAfterMs`, in milliseconds. */
export function retryAfterOf(error: unknown): number | undefined {
  const value = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** Handlers throw this (or any error with `retryable: false`) when trying again cannot help. */
export class PermanentJobError extends Error {
  readonly retryable = false;
}

export const isRetryable = (error: unknown): boolean => (error as { retryable?: unknown } | null)?.retryable !== false;

/**
 * "Not now": the job could not start (e.g. another worker holds the chat it needs). It runs again
 * after `retryAfterMs` without using up one of its attempts.
 */
export class RetryLater extends Error {
  readonly countsAsAttempt = false;

  constructor(readonly retryAfterMs: number) {
    super(`Retry in ${retryAfterMs} ms`);
    this.name = 'RetryLater';
  }
}

export const countsAsAttempt = (error: unknown): boolean => (error as { countsAsAttempt?: unknown } | null)?.countsAsAttempt !== false;
