import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { resolve } from 'node:path';
import { AppConfig, loadConfig } from './app-config';

/**
 * Reads the configuration the way every entry point (service and CLI) does: `.env` in the working
 * directory (or ENV_FILE) through @nestjs/config, with the process environment winning over the
 * file, validated by AppConfig. Variables from the file are copied into process.env, as
 * @nestjs/config does, so child processes see the same settings.
 */
export async function readEnvironment(overrides: Record<string, string> = {}): Promise<AppConfig> {
  let config: AppConfig | undefined;
  await NestConfigModule.forRoot({
    envFilePath: resolve(process.env.ENV_FILE || '.env'),
    validate: (raw) => (config = loadConfig({ ...raw, ...overrides })),
  });
  return config!;
}
