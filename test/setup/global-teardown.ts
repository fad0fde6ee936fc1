import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { unexercisedSuccesses } from '../utils/openapi-coverage';

type RunFilters = { nonFlagArgs?: string[]; testNamePattern?: string; testPathPatterns?: { patterns?: string[] } };

/** After a whole run (no file or name filter): the documented success answers no test produced. */
function reportOpenApiCoverage(config: RunFilters): void {
  const dir = process.env.TEST_OPENAPI_SEEN_DIR;
  if (!dir) return;
  const missing = unexercisedSuccesses(dir);
  rmSync(dir, { recursive: true, force: true });
  if ((config.nonFlagArgs ?? []).length > 0 || (config.testPathPatterns?.patterns ?? []).length > 0 || config.testNamePattern) return;
  if (missing.length > 0) console.warn(`\nOpenAPI: ${missing.length} documented success answer(s) no test produced, so no test checks their schema:\n  ${missing.join('\n  ')}`);
}

export default async function globalTeardown(globalConfig: RunFilters = {}): Promise<void> {
  reportOpenApiCoverage(globalConfig);
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
