import { Transform } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, Validate, ValidateIf } from 'class-validator';
import { toInt, emptyToUndefined, toIdList, SNOWFLAKE } from './config-transforms';
import type { AppConfig } from './app-config';
import { FeedListConstraint } from '../announcements/feed-config';
import { BotSettings } from './bot-settings';

/** Discord: the bot, reports, the staff desk and #announcements (part of AppConfig). */
export class DiscordSettings extends BotSettings {
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

  /**
   * Discord REST requests per second for the bot, shared by all replicas through Postgres
   * (src/discord/rest-budget.ts). Discord's global limit is 50; the default leaves a fifth for network jitter.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  DISCORD_REST_PER_SECOND = 40;

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

  // ---- Staff desk (see docs/discord.md, "Staff desk"). ----

  /** A forum channel, or a text channel where the bot opens a private thread per help chat (alerts only when Flex is on). */
  @Transform(emptyToUndefined) @IsOptional() @Matches(SNOWFLAKE, { message: 'DISCORD_STAFF_CHANNEL_ID must be a Discord channel id (17 to 20 digits)' })
  DISCORD_STAFF_CHANNEL_ID?: string;

  /**
   * Who may answer in staff threads and is pinged when one opens; also who may sign in to the web
   * desk with Discord (members of DISCORD_GUILD_ID holding it get an agent session).
   */
  @ValidateIf((c: AppConfig) => c.DISCORD_STAFF_CHANNEL_ID !== undefined || c.DISCORD_CLIENT_ID !== undefined || c.DISCORD_STAFF_ROLE_ID !== undefined)
  @Transform(emptyToUndefined)
  @IsDefined({ message: 'DISCORD_STAFF_ROLE_ID is required with DISCORD_STAFF_CHANNEL_ID or DISCORD_CLIENT_ID: it says who may answer players' })
  @Matches(SNOWFLAKE, { message: 'DISCORD_STAFF_ROLE_ID must be a Discord role id (17 to 20 digits)' })
  DISCORD_STAFF_ROLE_ID?: string;

  /** A staff message starting with this stays in the thread as an internal note on the case. */
  @IsString() @MinLength(1)
  STAFF_NOTE_PREFIX = '!n ';

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

}
