import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type ExternalService = 'discord' | 'twilio';

/**
 * The application's Prometheus registry (one per app, not prom-client's global one, so two apps in
 * one process do not collide) and the counters other units feed. Gauges read from Postgres at
 * scrape time live in database-gauges.ts.
 */
@Injectable()
export class BridgeMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'bridge_http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly botAnswers = new Counter({
    name: 'bridge_bot_answers_total',
    help: 'Bot turns in help chats: articles found (answered) or nothing found (fallback)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly agentRequests = new Counter({
    name: 'bridge_agent_requests_total',
    help: 'Players who asked for a person (hand-offs started)',
    registers: [this.registry],
  });

  readonly externalCalls = new Counter({
    name: 'bridge_external_calls_total',
    help: 'HTTP calls to Discord and Twilio by outcome (ok, client_error, rate_limited, server_error, network_error)',
    labelNames: ['service', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly externalRetries = new Counter({
    name: 'bridge_external_retries_total',
    help: 'Calls to Discord and Twilio the client library retried (after a 429 or a 5xx)',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  readonly externalRateLimits = new Counter({
    name: 'bridge_external_rate_limit_waits_total',
    help: 'Times a client library held a call back for a rate limit (Discord buckets, Twilio 429 back-off)',
    labelNames: ['service'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  botAnswered(fallback: boolean): void {
    this.botAnswers.inc({ outcome: fallback ? 'fallback' : 'answered' });
  }

  /** One HTTP response from an external service (status undefined: no response at all). */
  externalResponse(service: ExternalService, status: number | undefined): void {
    this.externalCalls.inc({ service, outcome: outcomeOf(status) });
  }
}

export function outcomeOf(status: number | undefined): string {
  if (status === undefined) return 'network_error';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}
