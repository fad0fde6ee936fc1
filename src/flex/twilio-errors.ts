/**
 * A failed Twilio call, with what the queue needs to retry well: 429 and 5xx are worth retrying
 * (honouring Retry-After), other 4xx are not.
 */
export class TwilioApiError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(
    readonly status: number,
    readonly operation: string,
    detail: string,
    retryAfterSeconds?: number,
  ) {
    super(`Twilio ${operation} failed with HTTP ${status}: ${detail}`.slice(0, 1000));
    this.name = 'TwilioApiError';
    this.retryable = status === 429 || status >= 500;
    if (retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds)) this.retryAfterMs = retryAfterSeconds * 1000;
  }

  static fromResponse(response: { statusCode: number; headers: Record<string, unknown>; body: Buffer }, operation: string): TwilioApiError {
    let detail = response.body.toString('utf8').slice(0, 300);
    try {
      const parsed = JSON.parse(detail) as { message?: string; code?: number };
      if (parsed.message) detail = `${parsed.message}${parsed.code ? ` (code ${parsed.code})` : ''}`;
    } catch {
      // not JSON: keep the text
    }
    const retryAfter = Number(response.headers['retry-after']);
    return new TwilioApiError(response.statusCode, operation, detail, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
}

