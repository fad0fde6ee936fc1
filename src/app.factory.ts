import { Logger as NestLogger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiKeysService } from './auth/api-keys.service';
import { sendProblem } from './common/problem.filter';
import { AppConfig } from './config/app-config';

/** Builds the whole application; main.ts and the e2e tests share it, so tests run the real pipeline. */
export async function createApp(config: AppConfig, options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: true,
    // One id per request, on every log line and in the X-Request-Id response header; a caller's own id is kept.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  adapter.getInstance().addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.enableShutdownHooks();

  // Errors raised by Fastify itself (body limit, malformed JSON) never reach Nest's filters.
  const problemLogger = new NestLogger('Problem');
  app.getHttpAdapter().getInstance().setErrorHandler((error, request, reply) => sendProblem(error, request, reply, problemLogger));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Discord ↔ Twilio Flex support bridge')
      .setDescription('Cases, knowledge base and help chats. Authenticate with `Authorization: Bearer <API key>`.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });

  await app.get(ApiKeysService).bootstrap(config.BOOTSTRAP_API_KEY);
  return app;
}
