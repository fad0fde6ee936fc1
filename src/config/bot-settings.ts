import { Transform } from 'class-transformer';
import { IsDefined, IsInt, IsOptional, IsString, IsUrl, Max, Min, ValidateIf } from 'class-validator';
import { toInt, emptyToUndefined } from './config-transforms';
import type { AppConfig } from './app-config';
import { ServiceSettings } from './service-settings';

/** The support bot's optional AI answers (part of AppConfig). */
export class BotSettings extends ServiceSettings {
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
}
