import { Logger } from '@nestjs/common';

/**
 * Restarts the embedded Postgres when it dies under the running service (killed, crashed). While
 * it restarts, readiness reports it; when every attempt fails the process exits non-zero so its
 * supervisor (systemd, Docker, Kubernetes) restarts the whole service.
 */
export type DatabaseState = 'up' | 'restarting' | 'failed';

export interface Restartable {
  start(): Promise<void>;
}

export interface SupervisorOptions {
  attempts?: number;
  delayMs?: number;
  onFatal?: (error: unknown) => void;
  logger?: Logger;
}

export class EmbeddedSupervisor {
  state: DatabaseState = 'up';
  private healing?: Promise<void>;
  private readonly logger: Logger;

  constructor(
    private readonly server: Restartable,
    private readonly options: SupervisorOptions = {},
  ) {
    this.logger = options.logger ?? new Logger('Database');
  }

  /** Wire to EmbeddedPostgres' onUnexpectedExit. */
  serverExited(detail: string): void {
    if (this.healing) return;
    this.logger.error(`Embedded Postgres stopped unexpectedly (${detail}): restarting it`);
    this.state = 'restarting';
    this.healing = this.heal().finally(() => (this.healing = undefined));
  }

  /** Resolves once the server is back (or the process has been told to exit). */
  whenSettled(): Promise<void> {
    return this.healing ?? Promise.resolve();
  }

  private async heal(): Promise<void> {
    const attempts = this.options.attempts ?? 5;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      // Backends of the killed server exit on their own once they notice; until then the shared
      // memory is in use and a new postmaster refuses to start, so wait a little longer each time.
      await new Promise((done) => setTimeout(done, (this.options.delayMs ?? 500) * attempt));
      try {
        await this.server.start();
        this.state = 'up';
        this.logger.log(`Embedded Postgres restarted (attempt ${attempt})`);
        return;
      } catch (error) {
        lastError = error;
        this.logger.warn(`Embedded Postgres restart attempt ${attempt}/${attempts} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    this.state = 'failed';
    const fatal =
      this.options.onFatal ??
      ((error: unknown) => {
        this.logger.error(`Embedded Postgres could not be restarted, exiting: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      });
    fatal(lastError);
  }
}
