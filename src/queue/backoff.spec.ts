import { isRetryable, PermanentJobError, retryAfterOf, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const options = { baseMs: 1000, maxMs: 60_000 };

  it('doubles per attempt, between half and all of the exponential step', () => {
    expect(retryDelayMs(1, options, () => 0)).toBe(500);
    expect(retryDelayMs(1, options, () => 1)).toBe(1000);
    expect(retryDelayMs(3, options, () => 0)).toBe(2000);
    expect(retryDelayMs(3, options, () => 1)).toBe(4000);
  });

  it('never exceeds the cap', () => {
    expect(retryDelayMs(30, options, () => 1)).toBe(60_000);
    expect(retryDelayMs(30, options, () => 0)).toBe(30_000);
  });

  it("waits at least as long as the server's Retry-After", () => {
    expect(retryDelayMs(1, { ...options, retryAfterMs: 7_500 }, () => 0)).toBe(7_500);
    expect(retryDelayMs(5, { ...options, retryAfterMs: 10 }, () => 0)).toBe(8_000);
  });
});

describe('retryAfterOf / isRetryable', () => {
  it('reads retryAfterMs only when it is a usable number', () => {
    expect(retryAfterOf(Object.assign(new Error('429'), { retryAfterMs: 1200 }))).toBe(1200);
    expect(retryAfterOf(Object.assign(new Error('x'), { retryAfterMs: 'soon' }))).toBeUndefined();
    expect(retryAfterOf(null)).toBeUndefined();
  });

  it('treats errors as retryable unless they say otherwise', () => {
    expect(isRetryable(new Error('boom'))).toBe(true);
    expect(isRetryable(new PermanentJobError('bad payload'))).toBe(false);
  });
});
