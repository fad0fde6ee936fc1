// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/ from the change to
// prisma/schema.prisma since the last migration. Needs a Postgres only to host the schema engine.
import { loadConfig } from '../src/config/app-config';
import { DatabaseConnection } from '../src/database/database-connection';
import { createMigration } from '../src/database/migrator';

async function main() {
  const name = process.argv[2];
  if (!name) throw new Error('Usage: npm run db:migration -- <name>   (e.g. add_case_tags)');
  const db = await DatabaseConnection.open({ ...loadConfig(), MIGRATE_ON_BOOT: false });
  try {
    const folder = await createMigration(db.url, name);
    console.log(folder ? `Wrote ${folder}/migration.sql — review it, then npm run db:migrate` : 'No schema change since the last migration.');
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
