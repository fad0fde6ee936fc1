import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DatabaseConnection } from '../database/database-connection';

const WINDOW_SECONDS = 60;
const TABLE = 'rate_limit_counters'; // created by a migration (model RateLimitCounter)

/** What a limited caller is told; the ProblemFilter turns it into 429 with Retry-After. */
export class RateLimited extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
  ) {
    super('rate_limited', 429, `Too many requests ${what}; retry in ${retryAfterSeconds} s`);
  }
}

/** The RateLimit-* headers (IETF draft "RateLimit header fields") for one limiter's state. */
export type RateLimitHeaders = Record<'ratelimit-policy' | 'ratelimit-limit' | 'ratelimit-remaining' | 'ratelimit-reset', string>;

/** Public in the library's JavaScript, missing from its type declarations. */
type WithMemoryBlock = { getInMemoryBlockMsBeforeExpire(rlKey: string): number };

/**
 * Fixed one-minute windows counted in Postgres (rate-limiter-flexible), so every replica shares them:
 * RATE_LIMIT_PER_MINUTE per API key or desk session, and RATE_LIMIT_FAILED_AUTH_PER_MINUTE requests
 * without a valid key per client address. A key or address over its budget is then refused from
 * memory until its window ends, so a flood of unknown keys costs neither key lookups nor queries.
 * If Postgres does not answer, a per-process memory limiter stands in.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly pool: Pool;
  private readonly perKey: RateLimiterPostgres;
  private readonly failures: RateLimiterPostgres;

  constructor(config: AppConfig, connection: DatabaseConnection) {
    this.pool = new Pool({ connectionString: connection.url, max: 4 });
    // An idle connection dropped by the server (restart) must not crash the process.
    this.pool.on('error', () => undefined);
    this.perKey = this.limiter('key', config.RATE_LIMIT_PER_MINUTE, true);
    this.failures = this.limiter('auth-fail', config.RATE_LIMIT_FAILED_AUTH_PER_MINUTE, false);
  }

  private limiter(prefix: string, points: number, clearsExpired: boolean): RateLimiterPostgres {
    return new RateLimiterPostgres({
      storeClient: this.pool,
      tableName: TABLE,
      tableCreated: true,
      clearExpiredByTimeout: clearsExpired,
      keyPrefix: prefix,
      points,
      duration: WINDOW_SECONDS,
      inMemoryBlockOnConsumed: points + 1,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: prefix, points, duration: WINDOW_SECONDS }),
    });
  }

  /** Before the key lookup: an address over its failed-auth budget is refused without any query. */
  checkAddress(address: string): void {
    const ms = (this.failures as unknown as WithMemoryBlock).getInMemoryBlockMsBeforeExpire(this.failures.getKey(address));
    if (ms > 0) throw new RateLimited(Math.ceil(ms / 1000), 'without a valid API key from this address');
  }

  /** A request without a valid key: counts against its address. */
  async failedAuth(address: string): Promise<void> {
    try {
      await this.failures.consume(address);
    } catch (rejected) {
      throw this.toError(rejected, 'without a valid API key from this address');
    }
  }

  /** One request of an authenticated key; returns its headers or throws RateLimited. */
  async take(keyId: string): Promise<RateLimitHeaders> {
    try {
      return this.headers(await this.perKey.consume(keyId));
    } catch (rejected) {
      throw this.toError(rejected, 'for this API key');
    }
  }

  private headers(res: RateLimiterRes): RateLimitHeaders {
    return {
      'ratelimit-policy': `${this.perKey.points};w=${WINDOW_SECONDS}`,
      'ratelimit-limit': String(this.perKey.points),
      'ratelimit-remaining': String(res.remainingPoints),
      'ratelimit-reset': String(Math.max(0, Math.ceil(res.msBeforeNext / 1000))),
    };
  }

  private toError(rejected: unknown, what: string): Error {
    if (rejected instanceof RateLimiterRes) return new RateLimited(Math.max(1, Math.ceil(rejected.msBeforeNext / 1000)), what);
    return rejected instanceof Error ? rejected : new Error(String(rejected));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
