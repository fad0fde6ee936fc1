import { SimpleShardingStrategy, WebSocketManager, WebSocketShard, WebSocketShardDestroyOptions } from '@discordjs/ws';
import { DiscordShutdown, DiscordStoppedError } from './discord-shutdown';

/** WebSocket readyState of a socket whose handshake is still under way. */
const CONNECTING = 0;

/**
 * What this guard reaches past @discordjs/ws' typings (the same in 1.x and 2.x): the strategy's
 * shards, a shard's socket, and the method its every (re)connect goes through.
 */
interface StrategyInternals {
  shards: Map<number, WebSocketShard>;
}
interface ShardInternals {
  connection: { readyState: number; onerror: ((event: unknown) => void) | null; close(): void } | null;
  internalConnect(): Promise<void>;
}

/**
 * @discordjs/ws' sharding as discord.js uses it, made stoppable at any moment of a login. What made
 * closing the service mid-login hang or leak (verified against 1.2.3; 2.0.4 does the same):
 * - destroying a shard that waits for HELLO or READY aborts that wait, whose error handler starts a
 *   second, reconnecting destroy; that one clears the first's close callback, so `client.destroy()`
 *   never resolves, and 500 ms later it opens a new gateway socket;
 * - a destroy while the socket's handshake is under way leaves that socket to open afterwards;
 * - a destroy while discord.js still looks up the gateway URL does not stop the login, which then
 *   connects; and a login whose shards were destroyed waits for READY forever.
 * So a shard is destroyed for good (no `recover`) once, however many callers ask (the stop, the
 * failed login's cleanup), then ignores reconnecting destroys, never connects again, and closes its
 * unopened socket; connecting once the service stops is refused; and a login whose shards are
 * destroyed before READY fails.
 */
export class StoppableShardingStrategy extends SimpleShardingStrategy {
  private abandon?: (error: Error) => void;

  constructor(
    manager: WebSocketManager,
    private readonly shutdown: DiscordShutdown,
  ) {
    super(manager);
    shutdown.onStop(() => this.destroy({ reason: 'The service is stopping' }));
  }

  override async spawn(shardIds: number[]): Promise<void> {
    if (this.shutdown.stopping) throw new DiscordStoppedError();
    await super.spawn(shardIds);
    for (const shard of (this as unknown as StrategyInternals).shards.values()) stopsForGood(shard, this.shutdown);
  }

  override async connect(): Promise<void> {
    if (this.shutdown.stopping) throw new DiscordStoppedError();
    try {
      await new Promise<void>((resolve, reject) => {
        this.abandon = reject;
        super.connect().then(resolve, reject);
      });
    } finally {
      this.abandon = undefined;
    }
  }

  override async destroy(options?: Omit<WebSocketShardDestroyOptions, 'recover'>): Promise<void> {
    this.abandon?.(this.shutdown.stopping ? new DiscordStoppedError() : new Error('The gateway session was closed before it was ready'));
    await super.destroy(options);
  }
}

const guarded = new WeakSet<WebSocketShard>();

function stopsForGood(shard: WebSocketShard, shutdown: DiscordShutdown): void {
  if (guarded.has(shard)) return;
  guarded.add(shard);
  const internals = shard as unknown as ShardInternals;
  const destroy = shard.destroy.bind(shard);
  const internalConnect = internals.internalConnect.bind(shard);
  let finished: Promise<void> | undefined;
  const over = () => finished !== undefined || shutdown.stopping;
  const finish = async (options: WebSocketShardDestroyOptions) => {
    const socket = internals.connection;
    await destroy(options);
    if (socket?.readyState === CONNECTING) {
      socket.onerror = () => undefined; // ws reports the aborted handshake as an error
      socket.close();
    }
  };
  // Two destroys at once also clear each other's close callback: the final one happens once.
  shard.destroy = async (options: WebSocketShardDestroyOptions = {}) => {
    if (options.recover === undefined) return (finished ??= finish(options));
    if (!over()) await destroy(options);
  };
  internals.internalConnect = () => (over() ? Promise.resolve() : internalConnect());
}
