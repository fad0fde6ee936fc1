import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DatabaseConnection } from '../database/database-connection';
import { BatchedBudget, Spent } from './rate-limit/batched-budget';
import { PostgresPointStore } from './rate-limit/postgres-point-store';

const WINDOW_SECONDS = 60;
const TABLE = 'rate_limit_counters'; // created by a migration (model RateLimitCounter)
/** Per-key batches (src/auth/rate-limit/batched-budget.ts): at most 100 points, at most 1/16 of what is left. */
const MAX_BATCH = 100;
const SHARE_DIVISOR = 16;

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
 * Fixed one-minute windows counted in Postgres, so every replica shares them: RATE_LIMIT_PER_MINUTE
 * per API key or desk session, and RATE_LIMIT_FAILED_AUTH_PER_MINUTE requests without a valid key per
 * client address. Per-key points are reserved in batches and spent from memory (BatchedBudget): one
 * upsert per request on a hot key's row serialised every request of that key. Failures are rare and
 * counted one by one (rate-limiter-flexible); an address over its budget is then refused from memory
 * until its window ends, so a flood of unknown keys costs neither key lookups nor queries.
 * If Postgres does not answer, a per-process memory limiter stands in.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly pool: Pool;
  private readonly perKey: BatchedBudget;
  private readonly perKeyInsurance: RateLimiterMemory;
  private readonly failures: RateLimiterPostgres;

  constructor(config: AppConfig, connection: DatabaseConnection) {
    this.pool = new Pool({ connectionString: connection.url, max: 4 });
    // An idle connection dropped by the server (restart) must not crash the process.
    this.pool.on('error', () => undefined);
    const points = config.RATE_LIMIT_PER_MINUTE;
    this.perKey = new BatchedBudget(new PostgresPointStore(this.pool, TABLE), {
      limit: points,
      windowMs: WINDOW_SECONDS * 1000,
      maxBatch: MAX_BATCH,
      shareDivisor: SHARE_DIVISOR,
      now: () => Date.now(),
    });
    this.perKeyInsurance = new RateLimiterMemory({ keyPrefix: 'key', points, duration: WINDOW_SECONDS });
    const failed = config.RATE_LIMIT_FAILED_AUTH_PER_MINUTE;
    this.failures = new RateLimiterPostgres({
      storeClient: this.pool,
      tableName: TABLE,
      tableCreated: true,
      // Deletes the ended windows of every row in the table, per-key ones included.
      clearExpiredByTimeout: true,
      keyPrefix: 'auth-fail',
      points: failed,
      duration: WINDOW_SECONDS,
      inMemoryBlockOnConsumed: failed + 1,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'auth-fail', points: failed, duration: WINDOW_SECONDS }),
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
    const spent = await this.perKey.take(`key:${keyId}`).catch(() => this.takeInsured(keyId));
    const seconds = Math.max(0, Math.ceil((spent.resetAt - Date.now()) / 1000));
    if (!spent.allowed) throw new RateLimited(Math.max(1, seconds), 'for this API key');
    return {
      'ratelimit-policy': `${this.perKey.limit};w=${WINDOW_SECONDS}`,
      'ratelimit-limit': String(this.perKey.limit),
      'ratelimit-remaining': String(spent.remaining),
      'ratelimit-reset': String(seconds),
    };
  }

  /** Postgres did not answer: this process's own count stands in. */
  private async takeInsured(keyId: string): Promise<Spent> {
    const answer = await this.perKeyInsurance.consume(keyId).catch((rejected: unknown) => {
      if (rejected instanceof RateLimiterRes) return rejected;
      throw rejected;
    });
    return { allowed: answer.consumedPoints <= this.perKey.limit, remaining: answer.remainingPoints, resetAt: Date.now() + answer.msBeforeNext };
  }

  private toError(rejected: unknown, what: string): Error {
    if (rejected instanceof RateLimiterRes) return new RateLimited(Math.max(1, Math.ceil(rejected.msBeforeNext / 1000)), what);
    return rejected instanceof Error ? rejected : new Error(String(rejected));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
