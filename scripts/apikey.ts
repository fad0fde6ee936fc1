// npm run apikey -- create --name <name> --role lead|agent|viewer | list | revoke <id|name>
// Boots only the database and the API-key service, not the whole app.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { API_KEY_USAGE, parseApiKeyCommand, runApiKeyCommand, UsageError } from '../src/auth/api-key-cli';

/** Nest's loggers (used by the database start-up) write to stderr here, keeping stdout for the result. */
const stderrLogger = {
  log: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  warn: (message: unknown) => process.stderr.write(`${String(message)}\n`),
  debug: () => undefined,
  verbose: () => undefined,
};

async function answers(url: string): Promise<boolean> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  let command;
  try {
    command = parseApiKeyCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`Error: ${error.message}\n\n${API_KEY_USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${API_KEY_USAGE}\n`);
    return 0;
  }

  // Loaded only once the arguments are fine, so usage errors answer at once.
  const { Logger } = await import('@nestjs/common');
  const { ApiKeysService } = await import('../src/auth/api-keys.service');
  const { Clock } = await import('../src/common/clock');
  const { DomainError } = await import('../src/common/domain-error');
  const { ConfigValidationError, loadConfig } = await import('../src/config/app-config');
  const { DatabaseConnection } = await import('../src/database/database-connection');
  const { EmbeddedPostgres } = await import('../src/database/embedded-postgres');
  const { PrismaService } = await import('../src/database/prisma.service');
  Logger.overrideLogger(stderrLogger);

  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
    return 1;
  }
  // Without DATABASE_URL the data lives in the embedded Postgres. When the service is running, its
  // server holds the data folder, so use that server rather than start a second one on it.
  let db: InstanceType<typeof DatabaseConnection> | undefined;
  if (!config.DATABASE_URL && existsSync(join(config.EMBEDDED_PG_DIR, 'PG_VERSION'))) {
    const url = new EmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, port: config.EMBEDDED_PG_PORT }).connectionString('bridge');
    if (await answers(url)) db = new DatabaseConnection(url);
  }
  db ??= await DatabaseConnection.open(config);
  const prisma = new PrismaService(db.url, 2);
  try {
    process.stdout.write(`${await runApiKeyCommand(command, new ApiKeysService(prisma, new Clock()))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`Error: ${error.message}\n`);
    return 1;
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`apikey failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
