import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { probeDatabase } from './connection-errors';
import { EmbeddedPostgres } from './embedded-postgres';
import { DatabaseState, EmbeddedSupervisor } from './embedded-supervisor';
import { applyMigrations } from './migrator';
import { runningServer } from './postmaster-pid';
import { releaseSchemaEngine } from './schema-engine';

/**
 * Where the data lives: DATABASE_URL, or the embedded Postgres under EMBEDDED_PG_DIR, which the
 * service starts and keeps alive (EmbeddedSupervisor) and a CLI joins when it already runs.
 */
export class DatabaseConnection {
  constructor(
    readonly url: string,
    private readonly embedded?: EmbeddedPostgres,
    private readonly supervisor?: EmbeddedSupervisor,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** `restarting` while the embedded server is being brought back; always `up` for DATABASE_URL. */
  get state(): DatabaseState {
    return this.supervisor?.state ?? 'up';
  }

  /** For tests and diagnostics: the embedded server's pid, and a promise that resolves once a restart settles. */
  get embeddedPid(): number | undefined {
    return this.embedded?.pid;
  }

  whenSettled(): Promise<void> {
    return this.supervisor?.whenSettled() ?? Promise.resolve();
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }

  /** The service's database: checks DATABASE_URL, or starts (and supervises) the embedded server; migrates when configured. */
  static async open(config: AppConfig, logger = new Logger('Database'), options: { supervise?: boolean } = {}): Promise<DatabaseConnection> {
    let connection: DatabaseConnection;
    if (config.DATABASE_URL) {
      await probeDatabase(config.DATABASE_URL);
      connection = new DatabaseConnection(config.DATABASE_URL);
    } else {
      const started = Date.now();
      let supervisor: EmbeddedSupervisor | undefined;
      const embedded = new EmbeddedPostgres({
        dataDir: config.EMBEDDED_PG_DIR,
        port: config.EMBEDDED_PG_PORT,
        log: (line) => (line.startsWith('Stopping the embedded') ? logger.warn(line) : logger.debug?.(line)),
        onUnexpectedExit: (detail) => supervisor?.serverExited(detail),
      });
      if (options.supervise !== false) supervisor = new EmbeddedSupervisor(embedded, { logger });
      await embedded.start();
      await embedded.createDatabase('bridge');
      connection = new DatabaseConnection(embedded.connectionString('bridge'), embedded, supervisor);
      logger.log(`Embedded Postgres ready on 127.0.0.1:${config.EMBEDDED_PG_PORT} (data in ${config.EMBEDDED_PG_DIR}) in ${Date.now() - started} ms`);
    }
    if (config.MIGRATE_ON_BOOT) await connection.migrate(logger);
    return connection;
  }

  /**
   * A command line's database: DATABASE_URL; else the embedded server the running service started
   * (postmaster.pid tells its port), never a second server on the same data; else one started for
   * this command and stopped by close().
   */
  static async attach(config: AppConfig, logger = new Logger('Database'), options: { migrate?: boolean } = {}): Promise<DatabaseConnection> {
    const migrate = options.migrate ?? config.MIGRATE_ON_BOOT;
    const running = config.DATABASE_URL ? undefined : runningServer(config.EMBEDDED_PG_DIR);
    if (!running) return DatabaseConnection.open({ ...config, MIGRATE_ON_BOOT: migrate }, logger, { supervise: false });
    // The service migrated its own database at boot.
    const url = new EmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: running.port }).connectionString('bridge');
    await probeDatabase(url, `the embedded Postgres of ${config.EMBEDDED_PG_DIR}`);
    logger.log(`Using the running embedded Postgres on 127.0.0.1:${running.port} (pid ${running.pid})`);
    return new DatabaseConnection(url);
  }

  /** Applies pending migrations, reporting each step (they can take a while on a big database). */
  async migrate(logger = new Logger('Database')): Promise<string[]> {
    try {
      const applied = await applyMigrations(this.url, undefined, (pending) =>
        logger.log(`Applying ${pending.length} migration${pending.length === 1 ? '' : 's'}: ${pending.join(', ')}…`),
      );
      logger.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
      return applied;
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      releaseSchemaEngine();
    }
  }
}
