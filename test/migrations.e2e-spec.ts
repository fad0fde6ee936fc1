import { Client } from 'pg';
import { diffSchemas, isEmptyDiff, lastMigratedSchema, readSchema } from '../src/database/migrator';
import { createTestDatabase } from './utils/test-database';

/** Objects written by hand into migrations because schema.prisma cannot express them. */
const HAND_WRITTEN = ['Conversation_one_open_per_player', 'ApiKey_name_lower_key', 'Person_displayName_lower_key', 'Case_title_trgm_idx'];

/** The database shape as Postgres reports it: columns with types, enums, indexes, constraints. */
async function describeDatabase(url: string): Promise<Record<string, string[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query<{ line: string }>(sql)).rows.map((r) => r.line).sort();
    return {
      columns: await q(`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
                        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
      enums: await q(`SELECT t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
                      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`),
      indexes: await q(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
      constraints: await q(`SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS line
                            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`),
    };
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('the newest migration snapshot is the current schema.prisma (run `npm run db:migration -- <name>` after a change)', () => {
    expect(lastMigratedSchema()).toBe(readSchema());
  });

  it('the committed migrations build the same database as schema.prisma describes', async () => {
    const migrated = await createTestDatabase(); // cloned from the template: every migration applied
    const fromSchema = await createTestDatabase();
    try {
      const script = await diffSchemas(fromSchema.url, null, readSchema());
      const client = new Client({ connectionString: fromSchema.url });
      await client.connect();
      // Start from an empty database: drop what the clone brought, then run the schema's own SQL.
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await client.query(script);
      await client.end();
      const [a, b] = await Promise.all([describeDatabase(migrated.url), describeDatabase(fromSchema.url)]);
      for (const name of HAND_WRITTEN) {
        expect(a.indexes.some((line) => line.includes(`"${name}"`) || line.includes(` ${name} `))).toBe(true);
      }
      a.indexes = a.indexes.filter((line) => !HAND_WRITTEN.some((name) => line.includes(name)));
      expect(a).toEqual(b);
      expect(a.columns.length).toBeGreaterThan(10);
    } finally {
      await migrated.drop();
      await fromSchema.drop();
    }
  });

  it('has nothing left to migrate', async () => {
    const db = await createTestDatabase();
    try {
      const sql = await diffSchemas(db.url, lastMigratedSchema(), readSchema());
      expect(isEmptyDiff(sql)).toBe(true);
    } finally {
      await db.drop();
    }
  });
});
