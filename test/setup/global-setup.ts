import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { applyMigrations } from '../../src/database/migrator';
import { freePort } from '../utils/free-port';

/**
 * Once per `npm test`: a Postgres server (DATABASE_URL's, or an embedded one in a temp folder),
 * and a template database with every migration applied. Each test file clones the template.
 */
export const TEMPLATE_DB = `bridge_template_${process.pid}`;

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const embedded = new EmbeddedPostgres({ dataDir: join(mkdtempSync(join(tmpdir(), 'bridge-test-')), 'pg'), port: await freePort() });
    await embedded.start();
    (globalThis as { __embeddedPostgres?: EmbeddedPostgres }).__embeddedPostgres = embedded;
    adminUrl = embedded.connectionString('postgres');
  }
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}"`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await admin.end();
  await applyMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_TEMPLATE_DB = TEMPLATE_DB;
  process.env.TEST_RUN_ID = String(process.pid);
  process.env.TEST_OPENAPI_SEEN_DIR = mkdtempSync(join(tmpdir(), 'bridge-openapi-seen-'));
}
