import { DatabaseConnection } from '../database/database-connection';
import { createMigration } from '../database/migrator';
import { cliConfig, out, progress, UsageError } from './cli-runtime';

/** bridge migrate: applies pending migrations to the configured (or the running embedded) database. */
export async function migrateCommand(argv: string[]): Promise<number> {
  if (argv.length > 0) throw new UsageError(`migrate takes no arguments (got "${argv[0]}")`);
  const db = await DatabaseConnection.attach(await cliConfig(), undefined, { migrate: false });
  try {
    const applied = await db.migrate();
    out(applied.length ? `Applied ${applied.length} migration(s).` : 'Nothing to apply: the schema is up to date.');
    return 0;
  } finally {
    await db.close();
  }
}

/** bridge migration <name>: writes the migration for the change to prisma/schema.prisma. */
export async function migrationCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || rest.length > 0) throw new UsageError('migration needs exactly one name, e.g. bridge migration add_case_tags');
  // The schema engine needs a Postgres to run in, not a migrated one.
  const db = await DatabaseConnection.attach(await cliConfig(), undefined, { migrate: false });
  try {
    progress('Diffing prisma/schema.prisma against the last migration…');
    const folder = await createMigration(db.url, name);
    out(folder ? `Wrote ${folder}/migration.sql — review it, then run bridge migrate` : 'No schema change since the last migration.');
    return 0;
  } finally {
    await db.close();
  }
}
