import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';
import { toInt, toBool, emptyToUndefined, twilioWanted } from './config-transforms';
import type { AppConfig } from './app-config';

/** The service itself: HTTP, logs, the database, API keys and the knowledge base (part of AppConfig). */
export class ServiceSettings {
  /** The dotenv file read at boot (relative to the working directory); variables already set win over it. */
  @IsString()
  ENV_FILE = '.env';

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty` (human-readable lines) or `json` (one object a line); unset: pretty when stdout is a terminal. */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json';

  /** Postgres connection string; without it an embedded Postgres runs under EMBEDDED_PG_DIR. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** A read replica (e.g. a managed Postgres' reader endpoint) for the case list and counts; unset: the primary. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_READ_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_READ_URL?: string;

  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Transform(toInt) @IsInt() @Min(1024) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toBool) @IsBoolean()
  MIGRATE_ON_BOOT = true;

  /** Creates a lead key with this exact value at boot when no key exists yet. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32, { message: 'BOOTSTRAP_API_KEY must be at least 32 characters' })
  BOOTSTRAP_API_KEY?: string;

  @Transform(toInt) @IsInt() @Min(1024) @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Requests per minute allowed to one API key. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute without a valid key (none, unknown, revoked) allowed from one client address. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_FAILED_AUTH_PER_MINUTE = 60;

  /** Bearer token for GET /metrics (Prometheus); unset, /metrics is off. */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** Serve /metrics on this port instead of PORT (same token), e.g. to keep it off the public load balancer. */
  @Transform(toInt) @IsOptional() @IsInt() @Min(1) @Max(65535)
  METRICS_PORT?: number;

  /** Load the starter knowledge base from kb/ at boot when the Article table is empty. */
  @Transform(toBool) @IsBoolean()
  KB_IMPORT_ON_EMPTY = true;


  /** The URL Twilio and players reach this service at; used for webhook signatures and links. Required with Twilio. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.PUBLIC_URL !== undefined || twilioWanted(c))
  @IsDefined({ message: 'PUBLIC_URL is required when Twilio is configured: Twilio posts its webhooks there and signs them for that URL' })
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be an absolute http(s) URL' })
  PUBLIC_URL?: string;
}
