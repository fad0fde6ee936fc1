import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __embeddedPostgres?: EmbeddedPostgres }).__embeddedPostgres;
  if (embedded) {
    await embedded.stop();
    rmSync(dirname(embedded.options.dataDir), { recursive: true, force: true });
    return;
  }
  // A shared server (DATABASE_URL): drop what this run created.
  const admin = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
    [process.env.TEST_TEMPLATE_DB, `bridge_test_${process.env.TEST_RUN_ID}_%`],
  );
  for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await admin.end();
}
