// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded Postgres).
import { loadConfig } from '../src/config/app-config';
import { DatabaseConnection } from '../src/database/database-connection';

DatabaseConnection.open({ ...loadConfig(), MIGRATE_ON_BOOT: true })
  .then((db) => db.close())
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
