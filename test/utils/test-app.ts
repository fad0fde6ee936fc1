import type { DynamicModule, ModuleMetadata, NestApplicationOptions } from '@nestjs/common';
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
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
  /** A new API key of this role, for a person named like the key unless given; returns the bearer header for it. */
  keyFor(role: Role, name?: string, displayName?: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

let keyCounter = 0;

export interface TestAppOptions {
  /** Modules to add beside AppModule (e.g. an adapter module not wired into AppModule yet). */
  imports?: (config: AppConfig) => NonNullable<ModuleMetadata['imports']>;
  /**
   * Providers replaced wherever they are registered, and registered globally when nothing provides
   * them, e.g. a recording double of a port: `[{ provide: AgentPlatformEvents, useValue: recorder }]`.
   */
  overrides?: { provide: abstract new (...args: never[]) => unknown; useValue: unknown }[];
}

/** AppModule built through @nestjs/testing so tests can add modules and override providers. */
function instantiateWith(config: AppConfig, options: TestAppOptions) {
  return async (root: DynamicModule, adapter: FastifyAdapter, appOptions: NestApplicationOptions) => {
    const overrides = options.overrides ?? [];
    const fallback: DynamicModule = {
      module: class TestOverridesModule {},
      global: true,
      providers: overrides.map((o) => ({ provide: o.provide, useValue: o.useValue })),
      exports: overrides.map((o) => o.provide),
    };
    let builder = Test.createTestingModule({ imports: [root, ...(options.imports?.(config) ?? []), fallback] });
    for (const override of overrides) builder = builder.overrideProvider(override.provide).useValue(override.useValue);
    const moduleRef = await builder.compile();
    return moduleRef.createNestApplication<NestFastifyApplication>(adapter, appOptions);
  };
}

/** Boots the real application on a database of its own; `env` overrides the configuration. */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MIGRATE_ON_BOOT: 'false', DATABASE_URL: database.url, ...env });
  const customized = options.imports !== undefined || options.overrides !== undefined;
  const app = await createApp(config, { logger: false, ...(customized ? { instantiate: instantiateWith(config, options) } : {}) });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const prisma = app.get(PrismaService);
  return {
    app,
    config,
    prisma,
    databaseUrl: database.url,
    request: (options) => app.inject(options),
    keyFor: async (role, name = `${role.toLowerCase()}-${++keyCounter}`, displayName = name) => {
      const { key } = await app.get(ApiKeysService).create({ name, role, displayName });
      return { authorization: `Bearer ${key}` };
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
