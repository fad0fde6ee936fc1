// Runs a command with DATABASE_URL pointing at a real, throw-away PostgreSQL (the embedded one
// from the development install, in a temp folder on a free port), then stops it:
//   node -r ./scripts/swc-register.js scripts/ci/with-postgres.ts <command> [args...]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error('Usage: with-postgres.ts <command> [args...]');
  const dir = mkdtempSync(join(tmpdir(), 'with-postgres-'));
  const server = new EmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort() });
  await server.start();
  try {
    await server.createDatabase('bridge');
    const run = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: server.connectionString('bridge') } });
    return run.status ?? 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
