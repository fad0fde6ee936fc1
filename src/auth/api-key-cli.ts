import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { parseArgs } from 'node:util';
import { CreateApiKeyDto } from './api-keys.controller';
import type { ApiKeysService, ApiKeyView } from './api-keys.service';
import { Role } from './roles';

/** The API-key command line (`bridge apikey`, src/cli): argument parsing and output, apart from the database wiring. */
export const API_KEY_USAGE = `Manage the REST API's keys.

Usage:
  bridge apikey create --name <key name> --person "<display name>" --role lead|agent|viewer
  bridge apikey list
  bridge apikey revoke <id|name>
(from a clone: npx bridge …, or npm run apikey -- …)

--person is who players see in help chats ("Mia from Support"); a person may hold several keys.
Roles: viewer reads cases; agent also adds notes and changes status; lead does everything, keys included.
The database is DATABASE_URL, or the embedded Postgres under EMBEDDED_PG_DIR (the running service's, if it is up).`;

export type ApiKeyCommand =
  | { kind: 'help' }
  | { kind: 'create'; name: string; role: Role; displayName: string }
  | { kind: 'list' }
  | { kind: 'revoke'; idOrName: string };

/** Bad arguments: the script prints the message and the usage, and exits with code 2. */
export class UsageError extends Error {}

export function parseApiKeyCommand(argv: string[]): ApiKeyCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { name: { type: 'string' }, role: { type: 'string' }, person: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') return { kind: 'help' };
  if (command === undefined) throw new UsageError('Give a command: create, list or revoke');
  const noExtra = (allowed: number) => {
    if (rest.length > allowed) throw new UsageError(`Unexpected argument "${rest[allowed]}" for "${command}"`);
  };
  const noOptions = () => {
    const given = (['name', 'role', 'person'] as const).filter((option) => values[option] !== undefined);
    if (given.length > 0) throw new UsageError(`"${command}" takes no --${given[0]}`);
  };
  switch (command) {
    case 'create': {
      noExtra(0);
      if (values.name === undefined) throw new UsageError('create needs --name <name>');
      if (values.role === undefined) throw new UsageError('create needs --role lead|agent|viewer');
      if (values.person === undefined) throw new UsageError('create needs --person "<display name players see>"');
      // The same rules as POST /api/keys.
      const dto = plainToInstance(CreateApiKeyDto, { name: values.name, role: values.role.toUpperCase(), displayName: values.person });
      const errors = validateSync(dto, { forbidUnknownValues: false });
      if (errors.length > 0) {
        const error = errors[0];
        if (error.property === 'role') throw new UsageError(`Invalid --role "${values.role}": use lead, agent or viewer`);
        const why = Object.values(error.constraints ?? {}).join('; ');
        if (error.property === 'displayName') throw new UsageError(`Invalid --person "${values.person}": ${why}`);
        throw new UsageError(`Invalid --name "${values.name}": ${why}`);
      }
      return { kind: 'create', name: dto.name, role: dto.role, displayName: dto.displayName };
    }
    case 'list':
      noExtra(0);
      noOptions();
      return { kind: 'list' };
    case 'revoke':
      noOptions();
      if (rest.length === 0) throw new UsageError('revoke needs the id or name of a key');
      noExtra(1);
      return { kind: 'revoke', idOrName: rest[0] };
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

const date = (value: Date | null) => (value ? value.toISOString().replace('T', ' ').slice(0, 19) + 'Z' : '-');

function table(keys: ApiKeyView[]): string {
  if (keys.length === 0) return 'No API keys yet. Create one: bridge apikey create --name <name> --person "<display name>" --role lead';
  const rows = [
    ['ID', 'NAME', 'PERSON', 'ROLE', 'PREFIX', 'CREATED', 'LAST USED', 'STATUS'],
    ...keys.map((k) => [k.id, k.name, k.person.displayName, k.role.toLowerCase(), k.prefix, date(k.createdAt), date(k.lastUsedAt), k.revokedAt ? `revoked ${date(k.revokedAt)}` : 'active']),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

/** Runs a parsed command; returns what to print on stdout. */
export async function runApiKeyCommand(command: ApiKeyCommand, keys: ApiKeysService): Promise<string> {
  switch (command.kind) {
    case 'help':
      return API_KEY_USAGE;
    case 'create': {
      const { key, apiKey } = await keys.create({ name: command.name, role: command.role, displayName: command.displayName });
      return [
        `Created ${apiKey.role.toLowerCase()} API key "${apiKey.name}" (id ${apiKey.id}) for ${apiKey.person.displayName}:`,
        '',
        `  ${key}`,
        '',
        'Copy it now: it is not shown again (only its hash is stored).',
        `Use it as the header  Authorization: Bearer ${apiKey.prefix}…`,
      ].join('\n');
    }
    case 'list':
      return table(await keys.list());
    case 'revoke': {
      const apiKey = await keys.revoke(command.idOrName);
      return `Revoked API key "${apiKey.name}" (id ${apiKey.id}); requests with it now get 401.`;
    }
  }
}
