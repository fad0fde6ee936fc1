import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { NO_FILTER, withSchemaEngine } from './schema-engine';

/**
 * Migrations in Prisma's own layout (`prisma/migrations/<timestamp>_<name>/migration.sql` and
 * `migration_lock.toml`), applied into Prisma's `_prisma_migrations` table, so the stock
 * `prisma migrate deploy` keeps working where its native engine can be downloaded.
 *
 * Each migration folder also keeps `schema.prisma`, the datamodel it brings the database to: new
 * migrations are the diff from that snapshot to the current schema (the WASM engine cannot
 * introspect a live database through the pg adapter, so it cannot diff against one).
 */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', existsSync(resolve(__dirname, '..', '..', 'prisma')) ? '' : '..');
export const SCHEMA_PATH = join(PROJECT_ROOT, 'prisma', 'schema.prisma');
export const MIGRATIONS_DIR = join(PROJECT_ROOT, 'prisma', 'migrations');
const LOCK_FILE = 'migration_lock.toml';
const SNAPSHOT_FILE = 'schema.prisma';

export function readSchema(path = SCHEMA_PATH): string {
  return readFileSync(path, 'utf8');
}

export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

function migrationList(dir: string) {
  const lockPath = join(dir, LOCK_FILE);
  return {
    baseDir: dir,
    lockfile: { path: LOCK_FILE, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: listMigrations(dir).map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: readFileSync(join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/** Migrations in `dir` that the database has not finished yet (all of them on a new database). */
export async function pendingMigrations(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const done = await client
      .query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
      .then((result) => new Set(result.rows.map((row) => row.migration_name)))
      .catch((error: { code?: string }) => {
        if (error.code === '42P01') return new Set<string>(); // no table yet: nothing applied
        throw error;
      });
    return listMigrations(dir).filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}

/** Applies every pending migration; returns the names applied now. `progress` hears what is about to run. */
export async function applyMigrations(connectionString: string, dir = MIGRATIONS_DIR, progress?: (pending: string[]) => void): Promise<string[]> {
  if (progress) {
    const pending = await pendingMigrations(connectionString, dir);
    if (pending.length > 0) progress(pending);
  }
  return withSchemaEngine(connectionString, readSchema(), async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: migrationList(dir), filters: NO_FILTER });
    return result.appliedMigrationNames;
  });
}

/** The SQL that takes a database from `from` (null: empty) to `to`. */
export async function diffSchemas(connectionString: string, from: string | null, to: string): Promise<string> {
  return withSchemaEngine(connectionString, to, async (engine) => {
    const result = await engine.diff({
      from: from === null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: from }] },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    return result.stdout ?? '';
  });
}

/** The datamodel as of the newest migration, or null before the first one. */
export function lastMigratedSchema(dir = MIGRATIONS_DIR): string | null {
  const names = listMigrations(dir);
  if (names.length === 0) return null;
  const snapshot = join(dir, names[names.length - 1], SNAPSHOT_FILE);
  if (!existsSync(snapshot)) throw new Error(`${snapshot} is missing: every migration keeps the schema it migrates to`);
  return readFileSync(snapshot, 'utf8');
}

export const isEmptyDiff = (sql: string) => sql.replace(/--.*$/gm, '').trim() === '';

/** Writes `<timestamp>_<name>/migration.sql` for the change since the last migration, or returns null when there is none. */
export async function createMigration(connectionString: string, name: string, extraSql = '', dir = MIGRATIONS_DIR): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('A migration name is lowercase letters, digits and underscores, e.g. add_case_tags');
  const current = readSchema();
  const sql = await diffSchemas(connectionString, lastMigratedSchema(dir), current);
  if (isEmptyDiff(sql) && !extraSql) return null;
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const folder = join(dir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration.sql'), sql.trimEnd() + '\n' + (extraSql ? `\n${extraSql.trimEnd()}\n` : ''));
  writeFileSync(join(folder, SNAPSHOT_FILE), current);
  const lock = join(dir, LOCK_FILE);
  if (!existsSync(lock)) {
    writeFileSync(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  return folder;
}
