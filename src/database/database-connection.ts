import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';
import { applyMigrations } from './migrator';
import { releaseSchemaEngine } from './schema-engine';

/** Where the data lives: DATABASE_URL, or an embedded Postgres started for this process. */
export class DatabaseConnection {
  constructor(
    readonly url: string,
    private readonly embedded?: EmbeddedPostgres,
  ) {}

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  async close(): Promise<void> {
    await this.embedded?.stop();
  }

  static async open(config: AppConfig, logger = new Logger('Database')): Promise<DatabaseConnection> {
    let connection: DatabaseConnection;
    if (config.DATABASE_URL) {
      connection = new DatabaseConnection(config.DATABASE_URL);
    } else {
      const started = Date.now();
      const embedded = new EmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT });
      await embedded.start();
      await embedded.createDatabase('bridge');
      connection = new DatabaseConnection(embedded.connectionString('bridge'), embedded);
      logger.log(`Embedded Postgres ready on 127.0.0.1:${config.EMBEDDED_PG_PORT} (data in ${config.EMBEDDED_PG_DIR}) in ${Date.now() - started} ms`);
    }
    if (config.MIGRATE_ON_BOOT) {
      try {
        const applied = await applyMigrations(connection.url);
        releaseSchemaEngine();
        logger.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date');
      } catch (error) {
        await connection.close();
        throw error;
      }
    }
    return connection;
  }
}
