import { Logger } from '@nestjs/common';
import { AppConfig, ConfigValidationError } from '../config/app-config';
import { readEnvironment } from '../config/environment';
import { DomainError } from '../common/domain-error';
import { DatabaseUnavailableError } from '../database/connection-errors';
import { EmbeddedPostgresUnavailable } from '../database/embedded-postgres';

/**
 * What every `bridge` subcommand shares: results on stdout, progress and logs on stderr (so a
 * command's output can be piped), and errors that are expected (bad config, no database, a domain
 * error, bad usage) printed as one plain message with exit code 1 (2 for usage) instead of a stack.
 */
export class UsageError extends Error {}

export const out = (text: string) => process.stdout.write(`${text}\n`);
export const progress = (text: string) => process.stderr.write(`${text}\n`);

export function useStderrLogger(): void {
  Logger.overrideLogger({
    log: (message: unknown) => progress(String(message)),
    error: (message: unknown) => progress(String(message)),
    warn: (message: unknown) => progress(String(message)),
    debug: () => undefined,
    verbose: () => undefined,
  });
}

export async function cliConfig(overrides: Record<string, string> = {}): Promise<AppConfig> {
  return readEnvironment(overrides);
}

const EXPECTED = [ConfigValidationError, DatabaseUnavailableError, EmbeddedPostgresUnavailable, DomainError];

/** Runs a command body and turns its outcome into an exit code. */
export async function runCommand(body: () => Promise<number | void>, usage?: string): Promise<number> {
  try {
    return (await body()) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      progress(`Error: ${error.message}${usage ? `\n\n${usage}` : ''}`);
      return 2;
    }
    if (error instanceof ConfigValidationError) {
      progress(`${error.message}\nSee .env.example for every variable.`);
      return 1;
    }
    if (EXPECTED.some((type) => error instanceof type)) {
      progress(`Error: ${(error as Error).message}`);
      return 1;
    }
    progress(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
