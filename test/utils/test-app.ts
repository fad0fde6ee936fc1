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
import { ObservedResponse, OpenApiResponseChecker, OpenApiViolations } from './openapi-responses';
import { saveSeen, seenKey } from './openapi-coverage';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  prisma: PrismaService;
  databaseUrl: string;
  /** HTTP through Fastify's inject: the whole pipeline (guards, pipes, filters) without a socket. */
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A new API key of this role, for a person named like the key unless given; returns the bearer header for it. */
  keyFor(role: Role, name?: string, displayName?: string): Promise<{ authorization: string }>;
  /** Every response this app sends (inject and real HTTP) is passed to the listener too. */
  observe(listener: (response: ObservedResponse) => void): void;
  /** Closes the app and drops its database; fails when a response did not match the OpenAPI document. */
  close(): Promise<void>;
}

let keyCounter = 0;
/** Suites send many keyless requests from one address on purpose; test/auth/rate-limit sets its own. */
const TEST_LIMITS = { RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '100000' };

export interface TestAppOptions {
  /** Modules to add beside AppModule (e.g. an adapter module not wired into AppModule yet). */
  imports?: (config: AppConfig) => NonNullable<ModuleMetadata['imports']>;
  /**
   * Providers replaced wherever they are registered, and registered globally when nothing provides
   * them, e.g. a recording double of a port: `[{ provide: AgentPlatformEvents, useValue: recorder }]`.
   */
  overrides?: { provide: abstract new (...args: never[]) => unknown; useValue: unknown }[];
}

/**
 * Routes deliberately left out of the document: its own UI, the built web desk's files and Twilio's
 * signed webhooks (not a client API). Their errors are still checked as problem+json.
 */
const UNDOCUMENTED_ROUTES = [/^\/docs(\/|$)/, /^\/desk(\/|\/\{file\})?$/, /^\/(forward-to-discord|chatbot-to-discord|twilio\/taskrouter-events)$/, /^\/metrics$/];

/**
 * Each response as sent: Fastify's onSend sees inject and socket requests alike, after serialization.
 * Hijacked replies (the SSE stream) skip onSend, so their head is taken where they write it.
 */
function observeResponses(app: NestFastifyApplication, listener: (response: ObservedResponse) => void): void {
  const fastify = app.getHttpAdapter().getInstance();
  const seen = new WeakSet<object>();
  fastify.addHook('onRequest', async (request, reply) => {
    const raw = reply.raw;
    const writeHead = raw.writeHead.bind(raw) as (status: number, ...rest: unknown[]) => typeof raw;
    raw.writeHead = ((status: number, ...rest: unknown[]) => {
      if (!seen.has(request)) {
        const headers = rest.find((arg) => arg && typeof arg === 'object') as Record<string, unknown> | undefined;
        const type = headers?.['Content-Type'] ?? headers?.['content-type'] ?? raw.getHeader('content-type');
        listener({ method: request.method, route: request.routeOptions.url, url: request.url, status, contentType: type === undefined ? undefined : String(type), body: undefined });
      }
      return writeHead(status, ...rest);
    }) as typeof raw.writeHead;
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    seen.add(request);
    const type = reply.getHeader('content-type');
    listener({
      method: request.method,
      route: request.routeOptions.url,
      url: request.url,
      status: reply.statusCode,
      contentType: type === undefined ? undefined : String(type),
      body: typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload == null ? '' : undefined,
    });
    return payload;
  });
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
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MIGRATE_ON_BOOT: 'false', DATABASE_URL: database.url, ...TEST_LIMITS, ...env });
  const customized = options.imports !== undefined || options.overrides !== undefined;
  const app = await createApp(config, { logger: false, ...(customized ? { instantiate: instantiateWith(config, options) } : {}) });
  const listeners: ((response: ObservedResponse) => void)[] = [];
  observeResponses(app, (response) => listeners.forEach((listener) => listener(response)));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
  const checker = new OpenApiResponseChecker(document, UNDOCUMENTED_ROUTES);
  const seen = new Set<string>();
  // Fakes may still deliver (a TaskRouter event after a close) while the app shuts down and its
  // database is dropped: what is answered then is not the behaviour under test.
  let closing = false;
  listeners.push((response) => {
    if (closing) return;
    checker.check(response);
    const key = seenKey(response);
    if (key) seen.add(key);
  });
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
    observe: (listener) => void listeners.push(listener),
    close: async () => {
      closing = true;
      // The verdict on the responses stands even when closing fails (an app a test already stopped).
      let failure: unknown;
      await app.close().catch((error: unknown) => (failure = error));
      saveSeen(document, seen);
      await database.drop();
      if (checker.violations.length > 0) throw new OpenApiViolations(checker.violations);
      if (failure) throw failure;
    },
  };
}
