import { plainToInstance, Transform } from 'class-transformer';
import { configError } from './config-errors';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  validateSync,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { FeedListConstraint } from '../announcements/feed-config';
import { SupportHours } from '../conversations/lifecycle/support-hours';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value; // left as is so @IsBoolean reports it
};
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
/** "1, 2,3" → ["1", "2", "3"]; empty → []. */
const toIdList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter((id) => id.length > 0) : value;
const SNOWFLAKE = /^\d{17,20}$/;

/** SUPPORT_HOURS must parse; the message says what is wrong with it. */
@ValidatorConstraint({ name: 'supportHours' })
class SupportHoursSpec implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return reasonSupportHoursFail(value) === null;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property}: ${reasonSupportHoursFail(args.value)}`;
  }
}

function reasonSupportHoursFail(value: unknown): string | null {
  try {
    SupportHours.parse(String(value));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Every environment variable the service reads, validated once at boot.
 * Defaults make `npm start` work on a laptop with nothing set; `.env.example` documents each one.
 */
export class AppConfig {
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

  /** Load the starter knowledge base from kb/ at boot when the Article table is empty. */
  @Transform(toBool) @IsBoolean()
  KB_IMPORT_ON_EMPTY = true;

  // ---- Optional AI answers (off unless BOT_LLM_BASE_URL is set): an OpenAI-compatible chat-completions API. ----

  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (Ollama); the bot posts to `<base>/chat/completions`. */
  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'BOT_LLM_BASE_URL must be an absolute http(s) URL' })
  BOT_LLM_BASE_URL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.BOT_LLM_BASE_URL !== undefined)
  @IsDefined({ message: 'BOT_LLM_MODEL is required when BOT_LLM_BASE_URL is set' })
  @IsString()
  BOT_LLM_MODEL?: string;

  /** Sent as a Bearer token; local servers usually need none. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  BOT_LLM_API_KEY?: string;

  /** After this the bot shows the article list instead of waiting for the written answer. */
  @Transform(toInt) @IsInt() @Min(100) @Max(60000)
  BOT_LLM_TIMEOUT_MS = 4000;

  /** The URL Twilio and players reach this service at; used for webhook signatures and links. Required with Twilio. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.PUBLIC_URL !== undefined || twilioWanted(c))
  @IsDefined({ message: 'PUBLIC_URL is required when Twilio is configured: Twilio posts its webhooks there and signs them for that URL' })
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'PUBLIC_URL must be an absolute http(s) URL' })
  PUBLIC_URL?: string;

  // ---- Discord (see docs/discord.md). The bot is on when DISCORD_TOKEN is set. ----

  /** The bot token (Developer Portal > Bot > Reset Token). Unset: the bot is off, the HTTP API still runs. */
  @Transform(emptyToUndefined) @IsOptional()
  @Matches(/^[\w-]+\.[\w-]+\.[\w-]+$/, { message: 'DISCORD_TOKEN must be a bot token (three dot-separated parts, from Developer Portal > Bot), not the client secret' })
  DISCORD_TOKEN?: string;

  /** The application id (Developer Portal > General Information); used for the invite link in the logs. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(SNOWFLAKE, { message: 'DISCORD_APPLICATION_ID must be a Discord id (17 to 20 digits)' })
  DISCORD_APPLICATION_ID?: string;

  /** Register slash commands in this guild only (instant) instead of globally (can take up to an hour). */
  @Transform(emptyToUndefined) @IsOptional() @Matches(SNOWFLAKE, { message: 'DISCORD_DEV_GUILD_ID must be a Discord id (17 to 20 digits)' })
  DISCORD_DEV_GUILD_ID?: string;

  /** Discord's REST base (discord.js appends /v10); tests point it at the local fake. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'DISCORD_API_URL must be an absolute http(s) URL' })
  DISCORD_API_URL = 'https://discord.com/api';

  /** Channels where /bug may be used (comma-separated ids); empty: anywhere in the server. */
  @Transform(toIdList) @Matches(SNOWFLAKE, { each: true, message: 'DISCORD_BUG_CHANNEL_IDS must be comma-separated Discord channel ids' })
  DISCORD_BUG_CHANNEL_IDS: string[] = [];

  /** Channels where /new_feature may be used (comma-separated ids); empty: anywhere in the server. */
  @Transform(toIdList) @Matches(SNOWFLAKE, { each: true, message: 'DISCORD_FEATURE_CHANNEL_IDS must be comma-separated Discord channel ids' })
  DISCORD_FEATURE_CHANNEL_IDS: string[] = [];

  /** Largest /bug screenshot accepted and stored, in bytes. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(25 * 1024 * 1024)
  DISCORD_ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;

  /** Files taken from one help-DM message; the others are refused with a notice. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10)
  DISCORD_ATTACHMENT_MAX_FILES = 4;

  /**
   * Bytes of files one player may send in the help DM in 24 hours (stored bytes, counted from the
   * database): two full-size files or dozens of screenshots. It also bounds the bytes one message
   * holds in memory (bench/attachment-load.ts).
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(1024 * 1024 * 1024)
  DISCORD_ATTACHMENT_DAILY_BYTES = 16 * 1024 * 1024;

  /** Help-DM messages one player may send a minute; past it they are refused with one notice. */
  @Transform(toInt) @IsInt() @Min(1) @Max(600)
  DISCORD_DM_PER_MINUTE = 20;

  /** Forum channel where each /bug becomes a post (status tags, votes); unset: the report's embed goes to the channel it was filed in. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(SNOWFLAKE, { message: 'DISCORD_BUG_FORUM_ID must be a Discord forum channel id (17 to 20 digits)' })
  DISCORD_BUG_FORUM_ID?: string;

  /** Forum channel where each /new_feature becomes a post; unset: the embed goes to the channel it was filed in. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(SNOWFLAKE, { message: 'DISCORD_FEATURE_FORUM_ID must be a Discord forum channel id (17 to 20 digits)' })
  DISCORD_FEATURE_FORUM_ID?: string;

  // ---- #announcements (see docs/discord.md, "Announcements"). ----

  /** Where /announce, the API and feeds post unless a feed names its own channel. */
  @Transform(emptyToUndefined) @IsOptional() @Matches(SNOWFLAKE, { message: 'DISCORD_ANNOUNCEMENT_CHANNEL_ID must be a Discord channel id (17 to 20 digits)' })
  DISCORD_ANNOUNCEMENT_CHANNEL_ID?: string;

  /** Roles (comma-separated ids) allowed to use /announce besides members with Manage Server, e.g. the staff role. */
  @Transform(toIdList) @Matches(SNOWFLAKE, { each: true, message: 'DISCORD_ANNOUNCER_ROLE_IDS must be comma-separated Discord role ids' })
  DISCORD_ANNOUNCER_ROLE_IDS: string[] = [];

  /** Feeds to post from: "<name> <url> [channel=<id>] [role=<id>] [every=15m] [latest]", separated by ";". */
  @Transform(emptyToUndefined) @IsOptional() @Validate(FeedListConstraint)
  ANNOUNCEMENT_FEEDS?: string;

  /** A feed request taking longer than this fails (and is retried later with backoff). */
  @Transform(toInt) @IsInt() @Min(100) @Max(120_000)
  ANNOUNCEMENT_FEED_TIMEOUT_MS = 10_000;

  /** A feed body larger than this is refused. */
  @Transform(toInt) @IsInt() @Min(1024) @Max(50 * 1024 * 1024)
  ANNOUNCEMENT_FEED_MAX_BYTES = 2 * 1024 * 1024;

  /** How often due feeds and scheduled announcements are looked for. */
  @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  ANNOUNCEMENT_TICK_MS = 1000;

  // ---- Twilio Flex (see docs/flex.md). Twilio is on when TWILIO_ACCOUNT_SID is set. ----

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => twilioWanted(c))
  @IsDefined({ message: 'TWILIO_ACCOUNT_SID is required when a Twilio credential or ROUTING_MODE=studio is set' })
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'TWILIO_ACCOUNT_SID must look like AC followed by 32 hex characters' })
  TWILIO_ACCOUNT_SID?: string;

  /** API key (SK...) and secret for REST calls; without them the auth token is used. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.TWILIO_API_KEY !== undefined || c.TWILIO_API_SECRET !== undefined)
  @IsDefined({ message: 'TWILIO_API_KEY is required with TWILIO_API_SECRET' })
  @Matches(/^SK[0-9a-fA-F]{32}$/, { message: 'TWILIO_API_KEY must look like SK followed by 32 hex characters' })
  TWILIO_API_KEY?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.TWILIO_API_KEY !== undefined || c.TWILIO_API_SECRET !== undefined)
  @IsDefined({ message: 'TWILIO_API_SECRET is required with TWILIO_API_KEY' })
  @IsString()
  TWILIO_API_SECRET?: string;

  /** Verifies X-Twilio-Signature on every webhook, so it is required whenever Twilio is on. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => twilioWanted(c))
  @IsDefined({ message: 'TWILIO_AUTH_TOKEN is required when Twilio is configured: it verifies the signature of every Twilio webhook' })
  @IsString()
  @MinLength(16, { message: 'TWILIO_AUTH_TOKEN looks too short' })
  TWILIO_AUTH_TOKEN?: string;

  /** TaskRouter workspace (WS...) and workflow (WW...) that route help chats to agents. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => twilioWanted(c))
  @IsDefined({ message: 'TWILIO_WORKSPACE_SID is required when Twilio is configured (TaskRouter > Workspaces)' })
  @Matches(/^WS[0-9a-fA-F]{32}$/, { message: 'TWILIO_WORKSPACE_SID must look like WS followed by 32 hex characters' })
  TWILIO_WORKSPACE_SID?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => twilioWanted(c))
  @IsDefined({ message: 'TWILIO_WORKFLOW_SID is required when Twilio is configured (TaskRouter > Workflows)' })
  @Matches(/^WW[0-9a-fA-F]{32}$/, { message: 'TWILIO_WORKFLOW_SID must look like WW followed by 32 hex characters' })
  TWILIO_WORKFLOW_SID?: string;

  /** TaskRouter task channel unique name for help chats. */
  @IsString() @MinLength(1)
  TWILIO_TASK_CHANNEL = 'chat';

  /** The Conversations service (IS...) Flex uses; by default the account's default service. */
  @Transform(emptyToUndefined) @IsOptional()
  @Matches(/^IS[0-9a-fA-F]{32}$/, { message: 'TWILIO_CONVERSATIONS_SERVICE_SID must look like IS followed by 32 hex characters' })
  TWILIO_CONVERSATIONS_SERVICE_SID?: string;

  /** `direct`: the bot answers here and hands chats to Flex; `studio`: a Studio Flow routes every message. */
  @IsIn(['direct', 'studio'])
  ROUTING_MODE: 'direct' | 'studio' = 'direct';

  /** The Studio Flow (FW...) `npm run twilio:provision` created; required with ROUTING_MODE=studio. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.ROUTING_MODE === 'studio' || c.TWILIO_STUDIO_FLOW_SID !== undefined)
  @IsDefined({ message: 'TWILIO_STUDIO_FLOW_SID is required with ROUTING_MODE=studio: run npm run twilio:provision' })
  @Matches(/^FW[0-9a-fA-F]{32}$/, { message: 'TWILIO_STUDIO_FLOW_SID must look like FW followed by 32 hex characters' })
  TWILIO_STUDIO_FLOW_SID?: string;

  /** Sends every Twilio API call (all *.twilio.com domains) to this base URL instead; for tests and proxies. */
  @Transform(emptyToUndefined) @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'TWILIO_API_BASE_URL must be an absolute http(s) URL' })
  TWILIO_API_BASE_URL?: string;

  // ---- Durable job queue (src/queue): webhooks are stored, acknowledged, then delivered. ----

  /** How often an idle worker looks for due jobs (enqueueing in this process wakes it at once). */
  @Transform(toInt) @IsInt() @Min(10)
  QUEUE_POLL_MS = 200;

  /** Jobs one process runs at the same time. */
  @Transform(toInt) @IsInt() @Min(1) @Max(64)
  QUEUE_CONCURRENCY = 4;

  /** Attempts before a job is dead (listed at GET /api/queue/dead). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  QUEUE_MAX_ATTEMPTS = 8;

  /** First retry delay; doubles per attempt (with jitter) up to QUEUE_RETRY_MAX_MS. */
  @Transform(toInt) @IsInt() @Min(1)
  QUEUE_RETRY_BASE_MS = 1000;

  @Transform(toInt) @IsInt() @Min(1)
  QUEUE_RETRY_MAX_MS = 5 * 60 * 1000;

  /** A running job sends a heartbeat every third of this; one silent this long belongs to a stopped process and runs again. */
  @Transform(toInt) @IsInt() @Min(1000)
  QUEUE_LEASE_MS = 30_000;

  // ---- Web desk (src/desk): sessions, live updates, optional Discord sign-in. ----

  /** How long a desk sign-in lasts before the browser is sent back to sign-in. */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 30)
  DESK_SESSION_HOURS = 12;

  /** Seconds between SSE heartbeats on GET /api/events (proxies close idle streams). */
  @Transform(toInt) @IsInt() @Min(1) @Max(300)
  EVENTS_HEARTBEAT_SECONDS = 15;

  /** "Sign in with Discord" on the desk (OAuth2 client id and secret, Developer Portal > OAuth2). */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.DISCORD_CLIENT_ID !== undefined || c.DISCORD_CLIENT_SECRET !== undefined)
  @IsDefined({ message: 'DISCORD_CLIENT_ID is required with DISCORD_CLIENT_SECRET' })
  @Matches(SNOWFLAKE, { message: 'DISCORD_CLIENT_ID must be a Discord id (17 to 20 digits)' })
  DISCORD_CLIENT_ID?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.DISCORD_CLIENT_ID !== undefined || c.DISCORD_CLIENT_SECRET !== undefined)
  @IsDefined({ message: 'DISCORD_CLIENT_SECRET is required with DISCORD_CLIENT_ID' })
  @IsString()
  DISCORD_CLIENT_SECRET?: string;

  /** The server whose staff may sign in to the desk with Discord; required with DISCORD_CLIENT_ID. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.DISCORD_CLIENT_ID !== undefined || c.DISCORD_GUILD_ID !== undefined)
  @IsDefined({ message: 'DISCORD_GUILD_ID is required with DISCORD_CLIENT_ID: members of this server may sign in to the desk' })
  @Matches(SNOWFLAKE, { message: 'DISCORD_GUILD_ID must be a Discord id (17 to 20 digits)' })
  DISCORD_GUILD_ID?: string;

  /** The role that makes a member of DISCORD_GUILD_ID a desk agent; required with DISCORD_CLIENT_ID. */
  @Transform(emptyToUndefined)
  @ValidateIf((c: AppConfig) => c.DISCORD_CLIENT_ID !== undefined || c.DISCORD_STAFF_ROLE_ID !== undefined)
  @IsDefined({ message: 'DISCORD_STAFF_ROLE_ID is required with DISCORD_CLIENT_ID: holders of this role get an agent session' })
  @Matches(SNOWFLAKE, { message: 'DISCORD_STAFF_ROLE_ID must be a Discord id (17 to 20 digits)' })
  DISCORD_STAFF_ROLE_ID?: string;

  /** Help chats: a chat still waiting for its first agent reply this long re-alerts staff (and again at each multiple). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_080)
  SLA_FIRST_RESPONSE_MINUTES = 15;

  /** How many waiting alerts one chat gets at most (at 1×, 2×, … the target). */
  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  SLA_MAX_ALERTS = 4;

  /** The last message is an agent's and the player has not answered this long: they get a reminder. */
  @Transform(toInt) @IsInt() @Min(1) @Max(8760)
  STALE_CHAT_HOURS = 24;

  /** This long after the reminder without an answer, the chat closes itself. */
  @Transform(toInt) @IsInt() @Min(1) @Max(8760)
  AUTO_CLOSE_HOURS = 24;

  /** The case's status when its chat closed itself (UNCHANGED leaves it as it is). */
  @IsIn(['RESOLVED', 'CLOSED', 'UNCHANGED'])
  AUTO_CLOSE_CASE_STATUS: 'RESOLVED' | 'CLOSED' | 'UNCHANGED' = 'RESOLVED';

  /** Ask the player "How did we do?" (1–5 and a comment) after a chat with an agent closes. */
  @Transform(toBool) @IsBoolean()
  CSAT_ENABLED = true;

  /** Optional support hours, e.g. "Mon-Fri 09:00-18:00 Europe/Paris"; outside them players are told when someone is back. */
  @Transform(emptyToUndefined) @IsOptional() @Validate(SupportHoursSpec)
  SUPPORT_HOURS?: string;
}


/** Twilio is wanted as soon as any of its identifying settings is present; the rest is then required. */
function twilioWanted(c: AppConfig): boolean {
  return (
    c.TWILIO_ACCOUNT_SID !== undefined ||
    c.TWILIO_API_KEY !== undefined ||
    c.TWILIO_AUTH_TOKEN !== undefined ||
    c.ROUTING_MODE === 'studio'
  );
}

/** Flex is on when the account and a credential are configured (validation guarantees the rest). */
export function isTwilioEnabled(c: AppConfig): boolean {
  return c.TWILIO_ACCOUNT_SID !== undefined && (c.TWILIO_AUTH_TOKEN !== undefined || c.TWILIO_API_KEY !== undefined);
}

export { ConfigValidationError } from './config-errors';

/**
 * Validates an environment (process.env, or the merge of .env and process.env that
 * src/config/environment.ts hands over); throws one error naming every bad variable, never a secret.
 */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, unknown> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, unknown> = {};
  for (const key of new Set([...known, ...Object.keys(env)])) {
    if (env[key] !== undefined) input[key] = env[key];
  }
  const config = plainToInstance(AppConfig, input, { excludeExtraneousValues: false });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw configError(errors, input);
  return config;
}
