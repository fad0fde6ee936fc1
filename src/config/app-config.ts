import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, Validate, ValidateIf, validateSync, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { SupportHours } from '../conversations/lifecycle/support-hours';
import { configError } from './config-errors';
import { toInt, toBool, emptyToUndefined, SNOWFLAKE } from './config-transforms';
import { TwilioSettings } from './twilio-settings';

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
 * Every environment variable the service reads, validated once at boot. The settings are split by
 * area into a chain of classes (service, bot, Discord, Twilio, then this one: queue, desks, the
 * help-chat lifecycle), each small; this is the class the app injects.
 * Defaults make `npm start` work on a laptop with nothing set; `.env.example` documents each one.
 */
export class AppConfig extends TwilioSettings {
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



/** The Discord staff desk is configured (the bot on, a staff channel and role). */
export function isStaffDeskEnabled(c: AppConfig): boolean {
  return c.DISCORD_TOKEN !== undefined && c.DISCORD_STAFF_CHANNEL_ID !== undefined && c.DISCORD_STAFF_ROLE_ID !== undefined;
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
