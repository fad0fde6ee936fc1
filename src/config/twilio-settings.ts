import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, IsUrl, Matches, MinLength, ValidateIf } from 'class-validator';
import { emptyToUndefined, twilioWanted } from './config-transforms';
import type { AppConfig } from './app-config';
import { DiscordSettings } from './discord-settings';

/** Twilio Flex (part of AppConfig). */
export class TwilioSettings extends DiscordSettings {
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

}
