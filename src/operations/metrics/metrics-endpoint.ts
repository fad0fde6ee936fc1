import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { REST } from 'discord.js';
import type { FastifyInstance } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AppConfig } from '../../config/app-config';
import { PrismaService } from '../../database/prisma.service';
import { problem } from '../../common/problem';
import { RoutedRequestClient } from '../../flex/twilio-http';
import { BridgeMetrics } from './bridge-metrics';
import { registerDatabaseGauges } from './database-gauges';
import { countDiscordCalls, countTwilioCalls } from './external-calls';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time. */
export function metricsTokenMatches(header: string | undefined, token: string): boolean {
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match !== null && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * GET /metrics (Prometheus text format) when METRICS_TOKEN is set: on the service's port, or with
 * METRICS_PORT on a port of its own (then not on the service's). Also times every HTTP request and
 * hooks the Discord and Twilio clients when they exist.
 */
@Injectable()
export class MetricsEndpoint implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;
  private beginScrape: () => void = () => undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: BridgeMetrics,
    private readonly prisma: PrismaService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    this.beginScrape = registerDatabaseGauges(this.metrics, this.prisma);
    this.hookClients();
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions?.url ?? 'unmatched';
      this.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    const token = this.config.METRICS_TOKEN;
    if (!token) return;
    if (this.config.METRICS_PORT === undefined) {
      fastify.get('/metrics', async (request, reply) => {
        const answer = await this.answer(request.headers.authorization, token);
        return reply.status(answer.status).header('content-type', answer.type).send(answer.body);
      });
      return;
    }
    this.server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const answer = request.url === '/metrics' && request.method === 'GET'
        ? this.answer(request.headers.authorization, token)
        : Promise.resolve(problemAnswer(404, 'not_found', 'Only GET /metrics is served here'));
      void answer.then((a) => response.writeHead(a.status, { 'content-type': a.type, 'x-content-type-options': 'nosniff' }).end(a.body));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(this.config.METRICS_PORT, this.config.HOST, () => resolve());
    });
    this.logger.log(`Metrics on ${this.config.HOST}:${this.config.METRICS_PORT}/metrics`);
  }

  private async answer(authorization: string | undefined, token: string): Promise<{ status: number; type: string; body: string }> {
    if (!metricsTokenMatches(authorization, token)) return problemAnswer(401, 'unauthorized', 'Send Authorization: Bearer <METRICS_TOKEN>');
    try {
      this.beginScrape();
      return { status: 200, type: this.metrics.registry.contentType, body: await this.metrics.registry.metrics() };
    } catch (error) {
      this.logger.warn(`Collecting metrics failed: ${(error as Error).message}`);
      return problemAnswer(503, 'metrics_unavailable', 'The metrics could not be collected (is the database reachable?)');
    }
  }

  private hookClients(): void {
    const rest = this.optional<REST>(REST);
    if (rest) countDiscordCalls(rest, this.metrics);
    // Both are absent when Discord or Twilio is off.
    const twilioHttp = this.optional<RoutedRequestClient>(RoutedRequestClient);
    if (twilioHttp) countTwilioCalls(twilioHttp.axios, this.metrics);
  }

  private optional<T>(token: unknown): T | undefined {
    try {
      return this.moduleRef.get(token as string, { strict: false }) as T;
    } catch {
      return undefined;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function problemAnswer(status: number, code: string, detail: string) {
  return { status, type: 'application/problem+json; charset=utf-8', body: JSON.stringify(problem(status, code, detail)) };
}
