import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Client } from 'discord.js';
import { createHash } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { AppConfig } from '../config/app-config';
import { DatabaseConnection } from '../database/database-connection';
import { DiscordShutdown } from './discord-shutdown';
import { leaveGateway } from './leave-gateway';

/** pg_advisory_lock(namespace, bot) of a bot's gateway session: one per bot, if bots ever share a database. */
const GATEWAY_LOCK_NAMESPACE = 7_301_977;
const botLockKey = (identity: string) => createHash('sha256').update(identity).digest().readInt32BE(0);
/** The (namespace, bot) key pair of a bot's gateway lock (the application id, else the token). */
export const gatewayLockOf = (identity: string): [number, number] => [GATEWAY_LOCK_NAMESPACE, botLockKey(identity)];
const CAMPAIGN_EVERY_MS = 2_000;
/** How often, and how patiently, the leader checks that its lock's connection still answers. */
const CHECK_EVERY_MS = 3_000;
const CHECK_TIMEOUT_MS = 5_000;
/** How long a stop waits for the campaign in flight (its waits end with the stop; a guard only). */
const STOP_WAIT_MS = 10_000;
/**
 * Server-side TCP keepalives on the lock's connection: if the leader's host vanishes without
 * closing it (a partition, a dead VM), Postgres drops the backend and frees the lock in ~11 s.
 */
const SERVER_KEEPALIVES = 'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3';

export type GatewayRole = 'follower' | 'leader' | 'stopped';

/**
 * Exactly one replica holds the Discord gateway session: the one holding a Postgres advisory lock
 * on a connection of its own. Necord logs the client in at bootstrap; this replaces that login with
 * a campaign, so followers only use REST (their token is set) and take over within a few seconds of
 * the leader's connection closing (a dead process's session ends, and Postgres frees its lock).
 */
@Injectable()
export class GatewayLeader implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Gateway');
  private connection?: PgClient;
  private timer?: NodeJS.Timeout;
  private checkTimer?: NodeJS.Timeout;
  /** The campaign in flight (connect, lock, login), which a stop waits for. */
  private attempt?: Promise<void>;
  role: GatewayRole = 'follower';

  constructor(
    private readonly client: Client,
    private readonly config: AppConfig,
    private readonly database: DatabaseConnection,
    private readonly shutdown: DiscordShutdown,
  ) {}

  onModuleInit(): void {
    // discord.js re-emits errors of its own handlers (e.g. Necord's READY fetch racing a destroy at
    // shutdown or a handover) as 'error'; an EventEmitter without a listener would throw them.
    this.client.on('error', (error) => this.logger.warn({ err: error }, `Discord client error, carrying on: ${error.message}`));
    const login = this.client.login.bind(this.client);
    this.client.rest.setToken(this.config.DISCORD_TOKEN!);
    this.client.login = async (token?: string) => {
      this.run(() => login(token));
      return token ?? '';
    };
  }

  /** The gateway's state for readiness: leader with a ready session, leader connecting, or follower. */
  get status(): 'ready' | 'connecting' | 'follower' | 'stopped' {
    if (this.role !== 'leader') return this.role;
    return this.client.isReady() ? 'ready' : 'connecting';
  }

  private get stopped(): boolean {
    return this.role === 'stopped';
  }

  private run(login: () => Promise<string>): void {
    const attempt = this.campaign(login);
    this.attempt = attempt;
    const done = () => {
      if (this.attempt === attempt) this.attempt = undefined;
    };
    attempt.then(done, done);
  }

  private async campaign(login: () => Promise<string>): Promise<void> {
    if (this.stopped) return;
    const connection = new PgClient({ connectionString: this.database.url, application_name: 'bridge-gateway-leader', keepAlive: true, connectionTimeoutMillis: CHECK_TIMEOUT_MS, query_timeout: CHECK_TIMEOUT_MS });
    let won = false;
    try {
      await connection.connect();
      await connection.query(SERVER_KEEPALIVES);
      const lock = gatewayLockOf(this.config.DISCORD_APPLICATION_ID ?? this.config.DISCORD_TOKEN!);
      const { rows } = await connection.query<{ won: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS won', lock);
      if (!rows[0].won || this.stopped) {
        await connection.end();
      } else {
        won = true;
        this.connection = connection;
        // Losing the lock's connection means another replica may lead now: leave the gateway.
        connection.on('error', () => this.lostLeadership(connection, login));
        connection.on('end', () => this.lostLeadership(connection, login));
        this.role = 'leader';
        this.scheduleCheck(connection, login);
        this.logger.log('This replica holds the Discord gateway session');
        await login();
        return;
      }
    } catch (error) {
      // Stopping, or the lock was lost during the login (lostLeadership campaigns again): not a failure.
      const handled = this.stopped || (won && this.connection !== connection);
      if (!handled) this.logger.warn(`Gateway leadership campaign failed: ${(error as Error).message}`);
      // Also after a failed login: a leader without a session must free the lock for the others.
      if (this.connection === connection) {
        this.role = 'follower';
        this.connection = undefined;
        if (this.checkTimer) clearTimeout(this.checkTimer);
        void this.leaveGateway();
      }
      void connection.end().catch(() => undefined);
      if (handled) return;
    }
    if (!this.stopped) this.timer = setTimeout(() => this.run(login), CAMPAIGN_EVERY_MS);
  }

  /**
   * A connection that stops answering without closing (the network between this replica and
   * Postgres is gone) may lose the lock at any moment: leave the gateway before another replica
   * can lead, so two sessions never receive the same slash command.
   */
  private scheduleCheck(connection: PgClient, login: () => Promise<string>): void {
    this.checkTimer = setTimeout(() => {
      if (this.connection !== connection) return;
      connection.query('SELECT 1').then(
        () => this.scheduleCheck(connection, login),
        (error: Error) => {
          if (this.connection !== connection) return;
          this.logger.warn(`The gateway lock's connection does not answer (${error.message})`);
          this.lostLeadership(connection, login);
          void connection.end().catch(() => undefined);
        },
      );
    }, CHECK_EVERY_MS);
  }

  /** Only for the lock's current connection: a late event of an earlier one must not end a newer session. */
  private lostLeadership(connection: PgClient, login: () => Promise<string>): void {
    if (this.role !== 'leader' || this.connection !== connection) return;
    this.role = 'follower';
    this.connection = undefined;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.logger.warn('Lost the gateway lock; leaving the gateway and campaigning again');
    void this.leaveGateway().finally(() => {
      if (!this.stopped) this.timer = setTimeout(() => this.run(login), CAMPAIGN_EVERY_MS);
    });
  }

  /** Followers keep the client for REST (its token set) and may lead again with it. */
  private leaveGateway(): Promise<void> {
    return leaveGateway(this.client, this.config.DISCORD_TOKEN!).catch((error: Error) => this.logger.warn(`Leaving the gateway failed: ${error.message}`));
  }

  /**
   * Stops every start-up wait and closes the gateway session at whatever point the login is, then
   * frees the lock (only then may another replica lead). After the queue stopped (module destroy:
   * its jobs still send over REST), before Necord's own destroy and Postgres' shutdown.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.role = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    if (this.checkTimer) clearTimeout(this.checkTimer);
    await this.shutdown.stop();
    await this.settled();
    const connection = this.connection;
    this.connection = undefined;
    await connection?.end().catch(() => undefined);
  }

  /** Resolves once the campaign in flight has ended (or after STOP_WAIT_MS, logged: something did not stop). */
  private async settled(): Promise<void> {
    if (!this.attempt) return;
    let guard: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => (guard = setTimeout(() => resolve(true), STOP_WAIT_MS)));
    const late = await Promise.race([this.attempt.then(() => false), timedOut]);
    clearTimeout(guard);
    if (late) this.logger.warn(`The gateway login was still in progress ${STOP_WAIT_MS} ms after the stop; stopping without it`);
  }
}
