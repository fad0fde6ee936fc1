import type { LoggerService } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

/**
 * Logs for people in a terminal, for machines elsewhere: pino-pretty lines when stdout is a TTY
 * (or LOG_FORMAT=pretty), one JSON object a line otherwise (or LOG_FORMAT=json). Health probes are
 * never logged: load balancers call them every few seconds.
 */
export function usePrettyLogs(config: AppConfig, stdoutIsTty = process.stdout.isTTY === true): boolean {
  return config.LOG_FORMAT ? config.LOG_FORMAT === 'pretty' : stdoutIsTty;
}

/** /health/live, /health/ready (with or without a query string). */
export const isHealthProbe = (url: string | undefined) => url !== undefined && /^\/health(\/|\?|$)/.test(url);

export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers["x-twilio-signature"]', 'req.headers.cookie'],
      // Fastify hands Nest's middleware the raw request; originalUrl survives any prefix stripping.
      autoLogging: { ignore: (request) => isHealthProbe((request as { originalUrl?: string }).originalUrl ?? request.url) },
      transport: usePrettyLogs(config)
        ? {
            target: 'pino-pretty',
            options: {
              colorize: true,
              singleLine: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname,context,req,res,responseTime',
              messageFormat: '{if context}[{context}] {end}{msg}{if req} {req.method} {req.url} {res.statusCode} {responseTime}ms{end}',
            },
          }
        : undefined,
    },
  };
}

/** Nest's start-up chatter (one line per module and route) is debug detail, so the banner stays visible. */
const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

export function quietStartUp(logger: LoggerService): LoggerService {
  return {
    log: (message: unknown, ...rest: unknown[]) => {
      const context = rest[rest.length - 1];
      if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) logger.debug?.(message, ...rest);
      else logger.log(message, ...rest);
    },
    error: (message: unknown, ...rest: unknown[]) => logger.error(message, ...rest),
    warn: (message: unknown, ...rest: unknown[]) => logger.warn(message, ...rest),
    debug: (message: unknown, ...rest: unknown[]) => logger.debug?.(message, ...rest),
    verbose: (message: unknown, ...rest: unknown[]) => logger.verbose?.(message, ...rest),
    fatal: (message: unknown, ...rest: unknown[]) => (logger.fatal ?? logger.error).call(logger, message, ...rest),
  };
}
