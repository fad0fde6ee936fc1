import { API_KEY_USAGE, parseApiKeyCommand, runApiKeyCommand, UsageError as ApiKeyUsageError } from '../auth/api-key-cli';
import { ApiKeysService } from '../auth/api-keys.service';
import { Clock } from '../common/clock';
import { DatabaseConnection } from '../database/database-connection';
import { PrismaService } from '../database/prisma.service';
import { cliConfig, out, UsageError } from './cli-runtime';

/** bridge apikey create --name <name> --role lead|agent|viewer | list | revoke <id|name> */
export async function apikeyCommand(argv: string[]): Promise<number> {
  let command;
  try {
    command = parseApiKeyCommand(argv);
  } catch (error) {
    if (error instanceof ApiKeyUsageError) throw new UsageError(`${error.message}\n\n${API_KEY_USAGE}`);
    throw error;
  }
  if (command.kind === 'help') {
    out(API_KEY_USAGE);
    return 0;
  }
  const db = await DatabaseConnection.attach(await cliConfig());
  const prisma = new PrismaService(db.url, 2);
  try {
    out(await runApiKeyCommand(command, new ApiKeysService(prisma, new Clock())));
    return 0;
  } finally {
    await prisma.$disconnect();
    await db.close();
  }
}
