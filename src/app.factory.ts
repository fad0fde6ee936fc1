import { DynamicModule, Logger as NestLogger, NestApplicationOptions } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiKeysService } from './auth/api-keys.service';
import { authenticateBeforeBody, markAuthenticatedRoutes } from './auth/authentication-hook';
import { RequestAuthenticator } from './auth/request-authenticator';
import { DomainError } from './common/domain-error';
import { clientErrorHandler, MAX_URL_LENGTH } from './common/client-errors';
import { sendProblem } from './common/problem.filter';
import { AppConfig } from './config/app-config';
import { quietStartUp } from './logging/logger-options';
import { buildOpenApi } from './operations/openapi';
import { registerSecurityHeaders } from './operations/security-headers';

/** A caller's X-Request-Id is kept only when it is short and plain, so it cannot forge log lines. */
const CALLER_REQUEST_ID = /^[\w.:@-]{1,128}$/;
/** The REST API speaks JSON only; other bodies (Twilio's form-encoded webhooks) live outside /api. */
const JSON_CONTENT_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Nest installs its own Fastify error handler at init, which turns Fastify's errors (malformed JSON,
 * body limit, media type) into bare HttpExceptions and so loses their codes. This adapter keeps the
 * handler createApp installs, which renders every error through sendProblem.
 */
class ProblemFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export interface CreateAppOptions {
  logger?: boolean;
  /**
   * Builds the Nest application from the root module; NestFactory.create by default. Tests pass one
   * that goes through @nestjs/testing to add modules or override providers (test/utils/test-app.ts).
   */
  instantiate?: (root: DynamicModule, adapter: FastifyAdapter, options: NestApplicationOptions) => Promise<NestFastifyApplication>;
}

/** Builds the whole application; main.ts and the e2e tests share it, so tests run the real pipeline. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const problemLogger = new NestLogger('Problem');
  const adapter = new ProblemFastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    // One id per request, on every log line and in the X-Request-Id response header; a caller's own id is kept.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && CALLER_REQUEST_ID.test(given) ? given : randomUUID();
    },
    // Errors the router raises before any route runs (a URL that is not valid percent-encoding).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendProblem(error, request, reply, problemLogger),
    // Errors Node's HTTP parser raises before there is a request (431 for headers over 16 KB).
    clientErrorHandler,
  });
  const fastify = adapter.getInstance();
  fastify.setErrorHandler((error, request, reply) => sendProblem(error, request, reply, problemLogger));
  // The front door: the web desk (its sign-in page links nowhere else; the API docs stay at /docs).
  fastify.get('/', (_request, reply) => reply.redirect('/desk', 302));
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH) {
      throw new DomainError('uri_too_long', 414, `The URL is longer than ${MAX_URL_LENGTH} characters`);
    }
  });
  markAuthenticatedRoutes(fastify);
  const appOptions: NestApplicationOptions = {
    bufferLogs: true,
    // The raw bytes of JSON bodies: a signed Twilio JSON webhook is checked against its bodySHA256.
    rawBody: true,
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  };
  const root = AppModule.forRoot(config);
  const app = options.instantiate
    ? await options.instantiate(root, adapter, appOptions)
    : await NestFactory.create<NestFastifyApplication>(root, adapter, appOptions);
  if (options.logger !== false) app.useLogger(quietStartUp(app.get(Logger)));
  registerSecurityHeaders(fastify);
  // After the security headers' hook (refusals carry them), before the media type check (no key: 401, not 415).
  authenticateBeforeBody(fastify, app.get(RequestAuthenticator));
  fastify.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || !hasBody(request)) return;
    const type = request.headers['content-type'];
    if (!type || !JSON_CONTENT_TYPE.test(type)) {
      throw new DomainError('unsupported_media_type', 415, `Send the body as application/json, not ${type ?? 'without a content type'}`);
    }
  });
  // SIGTERM/SIGINT run app.close(), then exit with code 0 (a stop asked for is a clean exit, and
  // process.exit lets pino's transport flush) rather than re-raising the signal.
  app.enableShutdownHooks([], { useProcessExit: true });

  const document = buildOpenApi(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });

  await app.get(ApiKeysService).bootstrap(config.BOOTSTRAP_API_KEY);
  return app;
}
