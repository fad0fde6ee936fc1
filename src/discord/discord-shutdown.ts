import type { Client } from 'discord.js';
import { Events } from 'discord.js';
import { ServiceStoppingError } from '../common/service-stopping';

/** Why a start-up wait ended early: the service is stopping, which is not a failure to report. */
export class DiscordStoppedError extends ServiceStoppingError {
  constructor() {
    super('The Discord client is stopping with the service');
    this.name = 'DiscordStoppedError';
  }
}

/**
 * One signal for everything the bot waits on while it starts (the login, READY, the gateway
 * handshake), aborted by GatewayLeader when the service stops. It exists before Necord builds the
 * client (the gateway strategy takes it), so DiscordModule.forRoot makes it and provides the value.
 */
export class DiscordShutdown {
  private readonly controller = new AbortController();
  private readonly closers = new Set<() => Promise<void>>();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopping(): boolean {
    return this.controller.signal.aborted;
  }

  /** Throws DiscordStoppedError once the service stops: a start-up check ends there, quietly. */
  throwIfStopping(): void {
    this.signal.throwIfAborted();
  }

  /** What must be closed when the service stops (the gateway strategy's shards). */
  onStop(close: () => Promise<void>): void {
    this.closers.add(close);
  }

  /** Ends every start-up wait, then closes what registered; resolves once all of it is closed. */
  async stop(): Promise<void> {
    if (!this.stopping) this.controller.abort(new DiscordStoppedError());
    await Promise.all([...this.closers].map((close) => close().catch(() => undefined)));
  }
}

/**
 * Resolves true once the client is READY, false after `timeoutMs` or as soon as the service stops:
 * a start-up check never outlives the service, nor keeps a timer of it.
 */
export async function untilReady(client: Client, shutdown: DiscordShutdown, timeoutMs: number): Promise<boolean> {
  if (client.isReady()) return true;
  if (shutdown.stopping) return false;
  await new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      client.off(Events.ClientReady, finish);
      shutdown.signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs).unref();
    client.once(Events.ClientReady, finish);
    shutdown.signal.addEventListener('abort', finish, { once: true });
  });
  return !shutdown.stopping && client.isReady();
}
