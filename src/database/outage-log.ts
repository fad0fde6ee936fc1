import { Logger } from '@nestjs/common';

/**
 * Logs a repeating failure (a worker polling a database that went away) once when it starts and
 * once when it ends, instead of a stack trace on every attempt.
 */
export class OutageLog {
  private since?: number;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  failed(error: unknown): void {
    if (this.since !== undefined) return;
    this.since = Date.now();
    const reason = error instanceof Error ? error.message.trim().split('\n').pop() : String(error);
    this.logger.error(`${this.what} failing, retrying quietly until it works again: ${reason}`);
  }

  succeeded(): void {
    if (this.since === undefined) return;
    this.logger.log(`${this.what} works again after ${Math.round((Date.now() - this.since) / 1000)} s`);
    this.since = undefined;
  }
}
