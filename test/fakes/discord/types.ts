import type { APIAttachment, APIChannel, APIMessage, APIUser, InteractionType } from 'discord-api-types/v10';
import type { RecordedFile } from './http';
import type { FakeGuildChannel, FakeRole, guildChannelPayload } from './payloads';

/** The fake Discord's public shapes: recorded requests, injected failures, interactions and their inputs. */
export interface RecordedRequest {
  seq: number;
  at: number;
  method: string;
  /** The path after /api/v10, e.g. "/channels/123/messages". */
  path: string;
  /** The matched OpenAPI template, e.g. "/channels/{channel_id}/messages"; null for unknown routes and the CDN. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  authorization: string | undefined;
  /** JSON body, or multipart's payload_json. */
  body: any;
  files: RecordedFile[];
  status: number;
  response: unknown;
  /** Set when the response was not the route's own: an injected error or the global rate limit. */
  injected?: 'error' | 'rate_limit';
}

export interface RequestMatch {
  method?: string;
  /** An OpenAPI template ("/channels/{channel_id}/messages") or a regex on the concrete path. */
  route?: string | RegExp;
}

export interface InjectedFailure {
  status: number;
  /** Defaults to Discord's body for the status: `{ code: 0, message: "500: Internal Server Error" }`. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests fail before the route recovers; default 1. */
  times?: number;
}

export interface InteractionState {
  id: string;
  token: string;
  applicationId: string;
  type: InteractionType;
  channelId: string;
  guildId?: string;
  dispatchedAt: number;
  acknowledged: boolean;
  responseType?: number;
  /** The interaction's own response message (reply, or the deferred "thinking…" then its edit). */
  original?: APIMessage;
  originalDeleted?: boolean;
  followUps: APIMessage[];
  /** For component interactions: the message that carries the button. */
  message?: APIMessage;
  /** The modal shown as the response (callback type 9), as sent. */
  modal?: Record<string, any>;
  payload: Record<string, unknown>;
}

export interface FakeChannelState {
  payload: APIChannel | ReturnType<typeof guildChannelPayload>;
  guildId?: string;
  recipientId?: string;
  messages: APIMessage[];
}

export interface FakeDiscordOptions {
  guilds?: { id?: string; name?: string; locale?: string; roles?: FakeRole[]; channels?: (Partial<FakeGuildChannel> & { name: string })[] }[];
  /** Discord lets the bot answer an interaction for 3 s. */
  interactionTimeoutMs: number;
  heartbeatIntervalMs: number;
  allowPrivilegedIntents: boolean;
  /** How long Discord remembers a nonce sent with enforce_nonce ("the past few minutes"). */
  nonceWindowMs: number;
}

export interface SlashCommandInput {
  name: string;
  /** A subcommand of the command (`/snippet send`): its options then come from the subcommand's definition. */
  subcommand?: string;
  /** Option values by name; the option types come from the registered command. Attachments: from addAttachment(). */
  options?: Record<string, string | number | boolean | APIAttachment | undefined>;
  user: APIUser;
  /** The player's client language, e.g. "fr" or "en-US". */
  locale?: string;
  guildId?: string;
  channelId?: string;
  /** Run it in the bot's DM with the user instead of a guild channel. */
  inDm?: boolean;
  /** The member's permissions in the channel (a bitfield string); default: a plain member's. */
  permissions?: string;
  /** The member's role ids. */
  roles?: string[];
}

export interface ButtonInput {
  customId: string;
  user: APIUser;
  /** The message carrying the button (as the bot sent it); defaults to a bare message in channelId. */
  message?: APIMessage;
  channelId?: string;
  guildId?: string;
  locale?: string;
  permissions?: string;
  roles?: string[];
}

export interface ModalSubmitInput {
  customId: string;
  /** Text input values by their custom_id. */
  values: Record<string, string>;
  user: APIUser;
  guildId?: string;
  channelId?: string;
  locale?: string;
  permissions?: string;
  roles?: string[];
}

/** An INTERACTION_CREATE payload (APIInteraction's shape; loosely typed so tests can tweak any field). */
export interface InteractionPayload {
  id: string;
  application_id: string;
  type: InteractionType;
  token: string;
  channel_id: string;
  guild_id?: string;
  locale: string;
  data: Record<string, unknown>;
  [field: string]: any;
}

export interface InteractionReply {
  message: APIMessage;
  ephemeral: boolean;
  /** How the visible answer was made: the initial callback, an edit of the deferred reply, or a follow-up. */
  via: 'callback' | 'edit' | 'followup';
}
