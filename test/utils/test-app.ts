import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.factory';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { PrismaService } from '../../src/database/prisma.service';
import { Role } from '../../src/generated/prisma/enums';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  prisma: PrismaService;
  databaseUrl: string;
  /** HTTP through Fastify's inject: the whole pipeline (guards, pipes, filters) without a socket. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A new API key of this role; returns the bearer header for it. */
  keyFor(role: Role, name?: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

let keyCounter = 0;

/** Boots the real application on a database of its own; `env` overrides the configuration. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MIGRATE_ON_BOOT: 'false', DATABASE_URL: database.url, ...env });
  const app = await createApp(config, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const prisma = app.get(PrismaService);
  return {
    app,
    config,
    prisma,
    databaseUrl: database.url,
    request: (options) => app.inject(options),
    keyFor: async (role, name = `${role.toLowerCase()}-${++keyCounter}`) => {
      const { key } = await app.get(ApiKeysService).create(name, role);
      return { authorization: `Bearer ${key}` };
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
