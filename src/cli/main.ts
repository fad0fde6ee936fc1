#!/usr/bin/env node
// The `bridge` command line (package.json "bin"): one entry for every operations task, compiled
// with the service, so it runs the same from a clone (npx bridge …) and inside the image.
import 'reflect-metadata';
import { apikeyCommand } from './apikey.command';
import { progress, runCommand, useStderrLogger } from './cli-runtime';
import { doctorCommand } from './doctor.command';
import { kbCommand } from './kb.command';
import { migrateCommand, migrationCommand } from './migrate.command';
import { twilioCommand } from './twilio.command';

export const USAGE = `Usage: bridge <command>

  apikey create --name <name> --role lead|agent|viewer   create an API key (shown once)
  apikey list                                           list keys
  apikey revoke <id|name>                               revoke a key
  migrate                                               apply pending database migrations
  migration <name>                                      write a migration for prisma/schema.prisma's changes
  kb import [folder]                                    load the knowledge base (default kb/); keeps API edits
  twilio provision [--check] [--force]                  set up Twilio: workspace callback, Studio flow (docs/flex.md)
  doctor                                                check configuration, database, Discord and Twilio

Configuration comes from the environment and .env (see .env.example). Without DATABASE_URL the
commands use the embedded Postgres, joining the running service's server when it is up.`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  apikey: apikeyCommand,
  migrate: migrateCommand,
  migration: migrationCommand,
  kb: kbCommand,
  twilio: twilioCommand,
  doctor: doctorCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    progress(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  useStderrLogger();
  return runCommand(() => command(rest));
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
