import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { REST } from 'discord.js';
import { DiscordShutdown } from './discord-shutdown';

/**
 * Discord REST calls still in flight when the service stops (the login's gateway lookup, start-up
 * channel checks, a wait for the shared budget) are aborted, and new ones refused, with
 * DiscordStoppedError, which @discordjs/rest does not retry: no request outlives the service. The
 * queue has stopped by then (GatewayLeader stops Discord after it), so no delivery is cut short.
 */
@Injectable()
export class DiscordRestShutdown implements OnApplicationBootstrap {
  constructor(
    private readonly rest: REST,
    private readonly shutdown: DiscordShutdown,
  ) {}

  /** At bootstrap, after every module-init wrapper (the shared budget's): outermost, so the budget's wait gets the signal too. */
  onApplicationBootstrap(): void {
    const send = this.rest.options.makeRequest;
    this.rest.options.makeRequest = async (url, init) => {
      this.shutdown.throwIfStopping();
      const signal = init.signal ? AbortSignal.any([init.signal, this.shutdown.signal]) : this.shutdown.signal;
      try {
        return await send(url, { ...init, signal });
      } catch (error) {
        this.shutdown.throwIfStopping();
        throw error;
      }
    };
  }
}
