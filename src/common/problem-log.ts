import type { Logger } from '@nestjs/common';

/** How long the stack of one kind of unexpected error is not repeated in the log. */
const STACK_EVERY_MS = 10 * 60_000;
const MAX_SIGNATURES = 500;

/**
 * Unexpected errors are logged with their error id on one line each; the stack only the first
 * time a kind of error (its name, message start and top frame) is seen in ten minutes, so a
 * client repeating a failing request cannot flood the log with multi-KB stack traces.
 */
export class UnexpectedErrorLog {
  private readonly stackLoggedAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  log(logger: Logger, error: unknown, context: { errorId: string; reqId: string; method: string; url: string }): void {
    const name = error instanceof Error ? error.name : typeof error;
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
    const frame = error instanceof Error ? (error.stack?.split('\n').find((line) => line.trimStart().startsWith('at ')) ?? '').trim() : '';
    const signature = `${name}: ${message.slice(0, 80)} ${frame}`;
    const at = this.now();
    const last = this.stackLoggedAt.get(signature);
    const line = `Unexpected error ${context.errorId} on ${context.method} ${context.url.split('?')[0].slice(0, 200)}: ${name}: ${message}`;
    if (last !== undefined && at - last < STACK_EVERY_MS) {
      logger.error({ errorId: context.errorId, reqId: context.reqId, repeated: true }, line);
      return;
    }
    if (this.stackLoggedAt.size >= MAX_SIGNATURES) this.stackLoggedAt.clear();
    this.stackLoggedAt.set(signature, at);
    logger.error({ err: error, errorId: context.errorId, reqId: context.reqId }, line);
  }
}
