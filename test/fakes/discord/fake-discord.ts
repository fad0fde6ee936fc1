import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIApplicationCommand,
  APIAttachment,
  APIChannel,
  APIMessage,
  APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  InteractionType,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { FakeGateway } from './gateway';
import { FakeOAuth2 } from './oauth2';
import { compileTemplate, discordError, parseBody, readBody, RecordedFile, send } from './http';
import { apiUser, dmChannelPayload, FakeGuild, FakeGuildChannel, FakeUserInput, guildChannelPayload, guildCreatePayload, guildMember, messagePayload } from './payloads';
import { Route, RouteResult, restRoutes } from './rest-routes';
import { snowflake } from './snowflake';

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
  guilds?: { id?: string; name?: string; locale?: string; roles?: { id: string; name: string }[]; channels?: (Partial<FakeGuildChannel> & { name: string })[] }[];
  /** Discord lets the bot answer an interaction for 3 s. */
  interactionTimeoutMs: number;
  heartbeatIntervalMs: number;
  allowPrivilegedIntents: boolean;
  /** How long Discord remembers a nonce sent with enforce_nonce ("the past few minutes"). */
  nonceWindowMs: number;
}

export interface SlashCommandInput {
  name: string;
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

const DEFAULT_ERROR_MESSAGES: Record<number, string> = {
  400: '400: Bad Request',
  401: '401: Unauthorized',
  403: '403: Forbidden',
  404: '404: Not Found',
  500: '500: Internal Server Error',
  502: '502: Bad Gateway',
  503: '503: Service Unavailable',
};

/**
 * A local Discord: REST (the v10 routes discord.js calls, paths as in Discord's OpenAPI document)
 * and a gateway, on 127.0.0.1. Point discord.js at it with `rest: { api: fake.restUrl }`: the gateway
 * URL then comes from its GET /gateway/bot. Every request is recorded; errors, a global rate limit
 * and latency can be injected.
 */
export class FakeDiscord {
  readonly options: FakeDiscordOptions;
  readonly applicationId = snowflake();
  readonly botUser: APIUser;
  /** Shaped like a bot token (base64 id . timestamp . hmac) but random: never a real one. */
  readonly token: string;
  readonly guilds: FakeGuild[];
  readonly requests: RecordedRequest[] = [];
  readonly users = new Map<string, APIUser>();
  readonly channels = new Map<string, FakeChannelState>();
  readonly interactions = new Map<string, InteractionState>();
  readonly commands: { global: APIApplicationCommand[]; guilds: Map<string, APIApplicationCommand[]> } = { global: [], guilds: new Map() };
  readonly closedDms = new Map<string, { at: 'open' | 'send'; code: number; message: string }>();
  private readonly dmChannelsByUser = new Map<string, string>();
  private readonly nonces = new Map<string, { channelId: string; messageId: string; at: number }>();
  private readonly cdn = new Map<string, { data: Buffer; contentType: string }>();
  private readonly routes: (Route & { match: (path: string) => Record<string, string> | null })[];
  private readonly failures: { match: RequestMatch; failure: InjectedFailure; remaining: number }[] = [];
  private readonly latencies: { match: RequestMatch; ms: number }[] = [];
  private rateLimit: { perSecond: number; windowStart: number; count: number } | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly gateway: FakeGateway;
  /** OAuth2 (the web desk's "Sign in with Discord"): apps, the browser's signed-in user, guild members. */
  readonly oauth2 = new FakeOAuth2((id) => this.userFor(id));
  private server!: Server;
  private port = 0;
  private seq = 0;

  private constructor(options: Partial<FakeDiscordOptions>) {
    this.options = { interactionTimeoutMs: 3000, heartbeatIntervalMs: 41_250, allowPrivilegedIntents: false, nonceWindowMs: 5 * 60_000, ...options };
    this.botUser = apiUser({ id: snowflake(), username: 'Support Bot', bot: true });
    this.token = [
      Buffer.from(this.botUser.id).toString('base64url'),
      randomBytes(4).toString('base64url'),
      randomBytes(27).toString('base64url'),
    ].join('.');
    this.guilds = (options.guilds ?? [{ name: 'Game Community', channels: [{ name: 'bug-report' }, { name: 'feature-request' }, { name: 'general' }] }]).map(
      (g) => ({
        id: g.id ?? snowflake(),
        name: g.name ?? 'Game Community',
        locale: g.locale ?? 'en-US',
        roles: g.roles,
        channels: (g.channels ?? [{ name: 'general' }]).map((c) => ({ ...c, id: c.id ?? snowflake(), name: c.name, type: c.type ?? ChannelType.GuildText })),
      }),
    );
    for (const guild of this.guilds) {
      for (const channel of guild.channels) {
        this.channels.set(channel.id, { payload: guildChannelPayload(guild, channel), guildId: guild.id, messages: [] });
      }
    }
    this.routes = restRoutes(this).map((route) => ({ ...route, match: compileTemplate(route.template) }));
    this.gateway = new FakeGateway({
      token: () => this.token,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      allowPrivilegedIntents: this.options.allowPrivilegedIntents,
      readyPayload: (sessionId) => this.readyPayload(sessionId),
      onActivity: () => this.notify(),
    });
  }

  static async start(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    fake.server = createServer((request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, discordError(0, `fake discord: ${String(error)}`));
      });
    });
    fake.server.on('upgrade', (request, socket, head) => {
      if (request.url?.startsWith('/gateway')) fake.gateway.handleUpgrade(request, socket, head);
      else socket.destroy();
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** For discord.js' `rest.api` (it appends /v10). */
  get restUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get guild(): FakeGuild {
    return this.guilds[0];
  }

  /** A guild text channel by name, e.g. "bug-report". */
  channel(name: string, guildId = this.guild.id): string {
    const channel = this.guilds.find((g) => g.id === guildId)?.channels.find((c) => c.name === name);
    if (!channel) throw new Error(`fake discord: no channel named ${name}`);
    return channel.id;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- players, DMs and attachments ------------------------------------------------------------

  /** A Discord user the fake knows (for DM recipients); a snowflake id is made up when not given. */
  user(input: FakeUserInput = {}): APIUser {
    const user = apiUser(input);
    this.users.set(user.id, user);
    return user;
  }

  userFor(id: string): APIUser {
    return this.users.get(id) ?? this.user({ id });
  }

  dmChannelFor(userId: string): FakeChannelState {
    let channelId = this.dmChannelsByUser.get(userId);
    if (!channelId) {
      channelId = snowflake();
      this.dmChannelsByUser.set(userId, channelId);
      this.channels.set(channelId, { payload: dmChannelPayload(channelId, this.userFor(userId)), recipientId: userId, messages: [] });
    }
    return this.channels.get(channelId)!;
  }

  /** Messages the bot (or a dispatched player message) put in the user's DM. */
  dmMessages(userId: string): APIMessage[] {
    const channelId = this.dmChannelsByUser.get(userId);
    return channelId ? (this.channels.get(channelId)?.messages ?? []) : [];
  }

  /**
   * The user does not accept DMs from the bot. Discord answers 403 with 50007 when the bot sends
   * (`at: 'send'`, what Discord does); `at: 'open'` fails already when the DM channel is created.
   * 50278 is "no mutual guild".
   */
  closeDms(userId: string, options: { at?: 'open' | 'send'; code?: number } = {}): void {
    const code = options.code ?? RESTJSONErrorCodes.CannotSendMessagesToThisUser;
    const message = code === RESTJSONErrorCodes.CannotSendMessagesToThisUser ? 'Cannot send messages to this user' : 'Cannot send messages to this user: no mutual guilds';
    this.closedDms.set(userId, { at: options.at ?? 'send', code, message });
  }

  openDms(userId: string): void {
    this.closedDms.delete(userId);
  }

  /** Serves bytes at a CDN-like URL and returns the attachment object Discord would send. */
  addAttachment(input: { filename: string; contentType?: string; data: Buffer; channelId?: string }): APIAttachment {
    const id = snowflake();
    const path = `/attachments/${input.channelId ?? '0'}/${id}/${encodeURIComponent(input.filename)}`;
    const contentType = input.contentType ?? 'application/octet-stream';
    this.cdn.set(path, { data: input.data, contentType });
    // Discord's CDN links are signed and expire (ex/is/hm): the app must download, not keep the URL.
    const expires = Math.floor(Date.now() / 1000 + 86_400).toString(16);
    const url = `http://127.0.0.1:${this.port}${path}?ex=${expires}&is=${expires}&hm=${randomBytes(8).toString('hex')}&`;
    return { id, filename: input.filename, size: input.data.length, url, proxy_url: url, content_type: contentType } as APIAttachment;
  }

  /**
   * Message create with `enforce_nonce`: "If true and nonce is present, it will be checked for
   * uniqueness in the past few minutes. If another message was created by the same author with
   * the same nonce, that message will be returned and no new message will be created."
   * (https://discord.com/developers/docs/resources/message#create-message)
   */
  messageWithNonce(authorId: string, nonce: string | number): APIMessage | null {
    const known = this.nonces.get(`${authorId}:${nonce}`);
    if (!known || Date.now() - known.at > this.options.nonceWindowMs) return null;
    return this.channels.get(known.channelId)?.messages.find((m) => m.id === known.messageId) ?? null;
  }

  rememberNonce(message: APIMessage, nonce: string | number): void {
    this.nonces.set(`${message.author.id}:${nonce}`, { channelId: message.channel_id, messageId: message.id, at: Date.now() });
  }

  storeMessage(message: APIMessage): void {
    const channel = this.channels.get(message.channel_id);
    if (!channel) return;
    const index = channel.messages.findIndex((m) => m.id === message.id);
    if (index >= 0) channel.messages[index] = message;
    else channel.messages.push(message);
  }

  // ---- commands and interactions ---------------------------------------------------------------

  registerCommands(guildId: string | null, body: Record<string, any>[]): APIApplicationCommand[] {
    const registered = body.map((command) => ({
      ...command,
      id: snowflake(),
      application_id: this.applicationId,
      type: command.type ?? ApplicationCommandType.ChatInput,
      version: snowflake(),
      default_member_permissions: command.default_member_permissions ?? null,
      ...(guildId ? { guild_id: guildId } : {}),
    })) as APIApplicationCommand[];
    if (guildId) this.commands.guilds.set(guildId, registered);
    else this.commands.global = registered;
    return registered;
  }

  /** Resolves when the bot has registered commands (globally or in a guild) after logging in. */
  async waitForCommands(timeoutMs = 10_000): Promise<APIApplicationCommand[]> {
    const request = await this.waitFor((r) => r.method === 'PUT' && r.route?.includes('/commands') === true && r.status === 200, timeoutMs);
    return request.response as APIApplicationCommand[];
  }

  private registeredCommand(name: string, guildId?: string): APIApplicationCommand {
    const command = (guildId ? this.commands.guilds.get(guildId) : undefined)?.find((c) => c.name === name) ?? this.commands.global.find((c) => c.name === name);
    if (!command) throw new Error(`fake discord: /${name} is not registered (registered: ${this.registeredNames().join(', ') || 'none'})`);
    return command;
  }

  registeredNames(): string[] {
    return [...this.commands.global, ...[...this.commands.guilds.values()].flat()].map((c) => c.name);
  }

  /** An INTERACTION_CREATE payload for a slash command, with option types taken from the registered command. */
  slashCommand(input: SlashCommandInput): InteractionPayload {
    const guildId = input.inDm ? undefined : (input.guildId ?? this.guild.id);
    const command = this.registeredCommand(input.name, guildId);
    const options: Record<string, unknown>[] = [];
    const attachments: Record<string, APIAttachment> = {};
    for (const [name, value] of Object.entries(input.options ?? {})) {
      if (value === undefined) continue;
      const definition = command.options?.find((o) => o.name === name);
      if (!definition) throw new Error(`fake discord: /${input.name} has no option "${name}"`);
      if (definition.type === ApplicationCommandOptionType.Attachment) {
        const attachment = value as APIAttachment;
        attachments[attachment.id] = attachment;
        options.push({ name, type: definition.type, value: attachment.id });
      } else {
        options.push({ name, type: definition.type, value });
      }
    }
    const data = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      ...(options.length ? { options } : {}),
      ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
      ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    };
    return this.interactionPayload(InteractionType.ApplicationCommand, data, input);
  }

  /** An INTERACTION_CREATE payload for a click on a button the bot sent. */
  button(input: ButtonInput): InteractionPayload {
    const channelId = input.message?.channel_id ?? input.channelId ?? this.dmChannelFor(input.user.id).payload.id;
    const guildId = input.guildId ?? this.channels.get(channelId)?.guildId;
    const message = input.message ?? messagePayload({ channelId, author: this.botUser, content: '', guildId });
    const payload: InteractionPayload = this.interactionPayload(
      InteractionType.MessageComponent,
      { custom_id: input.customId, component_type: ComponentType.Button },
      { user: input.user, locale: input.locale, guildId, channelId, inDm: !guildId, permissions: input.permissions, roles: input.roles },
    );
    payload.message = message;
    return payload;
  }

  /** An INTERACTION_CREATE payload for a submitted modal (type 5): one action row per text input. */
  modalSubmit(input: ModalSubmitInput): InteractionPayload {
    const components = Object.entries(input.values).map(([customId, value]) => ({
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
    }));
    return this.interactionPayload(InteractionType.ModalSubmit, { custom_id: input.customId, components }, input);
  }

  private interactionPayload(
    type: InteractionType,
    data: Record<string, unknown>,
    input: { user: APIUser; locale?: string; guildId?: string; channelId?: string; inDm?: boolean; permissions?: string; roles?: string[] },
  ): InteractionPayload {
    this.users.set(input.user.id, input.user);
    const token = `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`;
    const joinedAt = new Date(Date.now() - 86_400_000).toISOString();
    const common = {
      id: snowflake(),
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: input.locale ?? 'en-US',
      app_permissions: '2248473465835073',
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (input.inDm) {
      const channel = this.dmChannelFor(input.user.id);
      return { ...common, channel_id: channel.payload.id, channel: channel.payload, user: input.user, context: 1, authorizing_integration_owners: { '0': this.guild.id } };
    }
    const guild = this.guilds.find((g) => g.id === (input.guildId ?? this.guild.id));
    if (!guild) throw new Error(`fake discord: unknown guild ${input.guildId}`);
    const channelId = input.channelId ?? guild.channels[0].id;
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake discord: unknown channel ${channelId}`);
    return {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.locale, features: [] },
      guild_locale: guild.locale,
      channel_id: channelId,
      channel: channel.payload,
      member: { ...guildMember(input.user, joinedAt), roles: input.roles ?? [], permissions: input.permissions ?? '1071698660929' },
      context: 0,
      authorizing_integration_owners: { '0': guild.id },
    };
  }

  /** Sends INTERACTION_CREATE through the gateway; returns the payload (its id and token identify the replies). */
  dispatchInteraction(payload: InteractionPayload): InteractionPayload {
    this.interactions.set(payload.token, {
      id: payload.id,
      token: payload.token,
      applicationId: payload.application_id,
      type: payload.type,
      channelId: payload.channel_id,
      guildId: payload.guild_id,
      dispatchedAt: Date.now(),
      acknowledged: false,
      followUps: [],
      message: payload.message,
      payload,
    });
    this.dispatchOrThrow(GatewayDispatchEvents.InteractionCreate, payload);
    return payload;
  }

  /** A player's message in their DM with the bot (MESSAGE_CREATE, channel type 1, no guild_id). */
  dispatchMessage(input: { user: APIUser; content: string; attachments?: APIAttachment[] }): APIMessage {
    this.users.set(input.user.id, input.user);
    const channel = this.dmChannelFor(input.user.id);
    const message = messagePayload({ channelId: channel.payload.id, author: input.user, content: input.content, attachments: input.attachments });
    this.storeMessage(message);
    // DMs reach only sessions that asked for the DIRECT_MESSAGES intent, as on Discord.
    // The gateway's MESSAGE_CREATE carries channel_type (discord.js needs it to build the DM channel).
    this.gateway.dispatch(GatewayDispatchEvents.MessageCreate, { ...message, channel_type: ChannelType.DM }, GatewayIntentBits.DirectMessages);
    return message;
  }

  /** Low-level: any dispatch event to every live session. */
  dispatch(event: string, data: unknown): number {
    return this.gateway.dispatch(event, data);
  }

  private dispatchOrThrow(event: string, data: unknown): void {
    if (this.gateway.dispatch(event, data) === 0) throw new Error('fake discord: no bot is connected to the gateway');
  }

  /** Waits for the interaction's visible answer (a reply, the edit of a deferred reply, or a follow-up). */
  async waitForReply(interaction: { token: string }, timeoutMs = 5000): Promise<InteractionReply> {
    const visible = (): InteractionReply | null => {
      const state = this.interactions.get(interaction.token);
      if (!state) return null;
      const followUp = state.followUps[state.followUps.length - 1];
      if (followUp) return { message: followUp, ephemeral: this.isEphemeral(followUp), via: 'followup' };
      const original = state.original;
      if (!original || state.originalDeleted || (original.flags ?? 0) & 128) return null;
      const via = state.responseType === 5 ? 'edit' : 'callback';
      return { message: original, ephemeral: this.isEphemeral(original), via };
    };
    await this.until(() => visible() !== null, timeoutMs, `a reply to interaction ${interaction.token.slice(0, 16)}…`);
    return visible()!;
  }

  private isEphemeral(message: APIMessage): boolean {
    return Boolean((message.flags ?? 0) & 64);
  }

  /** Whether the bot is logged in over the gateway. */
  whenIdentified(): Promise<void> {
    return this.gateway.whenIdentified();
  }

  /** What clients sent over the gateway (IDENTIFY's intents, heartbeats, RESUME). */
  get gatewayPayloads() {
    return this.gateway.received;
  }

  /** Resolves once a client sent a matching gateway payload (e.g. op 6 RESUME), after the fake handled it. */
  async waitForGateway(predicate: (payload: { op: number; d: unknown }) => boolean, timeoutMs = 5000): Promise<void> {
    await this.until(() => this.gateway.received.some(predicate), timeoutMs, 'a gateway payload');
  }

  /** Closes the bot's gateway connections (4000 = unknown error: discord.js resumes). */
  dropGateway(code: number = GatewayCloseCodes.UnknownError): void {
    this.gateway.drop(code);
  }

  // ---- fault injection -------------------------------------------------------------------------

  /** The next `times` matching requests get this error, then the route works again. */
  failNext(match: RequestMatch, failure: InjectedFailure): void {
    this.failures.push({ match, failure, remaining: failure.times ?? 1 });
  }

  /** Discord's global limit (50 requests per second per bot): above it, 429 with retry_after and global: true. */
  setGlobalRateLimit(perSecond: number | null): void {
    this.rateLimit = perSecond === null ? null : { perSecond, windowStart: Date.now(), count: 0 };
  }

  /** Delays matching responses (all when no match is given). */
  setLatency(ms: number, match: RequestMatch = {}): void {
    this.latencies.push({ match, ms });
  }

  clearLatency(): void {
    this.latencies.length = 0;
  }

  // ---- recorded requests -----------------------------------------------------------------------

  /** Resolves with the first recorded request (past or future) matching the predicate. */
  async waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    await this.until(() => this.requests.some(predicate), timeoutMs, 'a matching request');
    return this.requests.find(predicate)!;
  }

  /** Requests matching an OpenAPI template (and method). */
  requestsTo(route: string, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route && (!method || r.method === method));
  }

  private until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const listener = () => {
        if (!condition()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        const recent = this.requests.slice(-10).map((r) => `${r.method} ${r.path} → ${r.status}`);
        reject(new Error(`fake discord: timed out after ${timeoutMs} ms waiting for ${what}; last requests:\n  ${recent.join('\n  ')}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${this.port}`);
    const method = (request.method ?? 'GET').toUpperCase();
    const raw = await readBody(request);

    const cdn = this.cdn.get(url.pathname);
    if (method === 'GET' && url.pathname.startsWith('/attachments/')) {
      const result: RouteResult = cdn ? { status: 200, body: cdn.data, headers: { 'content-type': cdn.contentType } } : { status: 404, body: Buffer.from('Not Found') };
      this.record({ method, path: url.pathname, route: null, params: {}, url, request, body: undefined, files: [], result });
      send(response, result.status, result.body, result.headers);
      return;
    }

    const oauth = this.oauth2.handle(method, url, request.headers, raw);
    if (oauth) {
      this.record({ method, path: url.pathname, route: null, params: {}, url, request, body: undefined, files: [], result: oauth });
      send(response, oauth.status, oauth.body, oauth.headers);
      return;
    }

    // discord.js escapes segments ("%40original"); Discord matches the decoded path.
    const path = url.pathname.replace(/^\/api\/v10(?=\/)/, '').split('/').map(decodeURIComponent).join('/');
    const { json, files } = await parseBody(request.headers['content-type'], raw);
    const found = this.findRoute(method, path);
    let result: RouteResult;
    let injected: RecordedRequest['injected'];
    if (!url.pathname.startsWith('/api/v10/') || !found) {
      result = { status: 404, body: discordError(0, '404: Not Found') };
    } else if (found.route.auth === 'bot' && request.headers.authorization !== `Bot ${this.token}`) {
      result = { status: 401, body: discordError(0, '401: Unauthorized') };
    } else {
      await this.delay(method, found.route.template, path);
      const limited = found.route.auth === 'bot' ? this.checkRateLimit() : null;
      const failure = limited ? null : this.takeFailure(method, found.route.template, path);
      if (limited) {
        result = limited;
        injected = 'rate_limit';
      } else if (failure) {
        result = {
          status: failure.status,
          body: failure.body ?? discordError(0, DEFAULT_ERROR_MESSAGES[failure.status] ?? `${failure.status}: Error`),
          headers: failure.headers,
        };
        injected = 'error';
      } else {
        result = await found.route.handle({ params: found.params, query: url.searchParams, body: json, files });
      }
    }
    this.record({ method, path, route: found?.route.template ?? null, params: found?.params ?? {}, url, request, body: json, files, result, injected });
    send(response, result.status, result.body, result.headers);
  }

  private findRoute(method: string, path: string) {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = route.match(path);
      if (params) return { route, params };
    }
    return null;
  }

  private matches(match: RequestMatch, method: string, template: string, path: string): boolean {
    if (match.method && match.method.toUpperCase() !== method) return false;
    if (match.route === undefined) return true;
    return typeof match.route === 'string' ? match.route === template : match.route.test(path);
  }

  private takeFailure(method: string, template: string, path: string): InjectedFailure | null {
    const entry = this.failures.find((f) => f.remaining > 0 && this.matches(f.match, method, template, path));
    if (!entry) return null;
    entry.remaining--;
    return entry.failure;
  }

  private async delay(method: string, template: string, path: string): Promise<void> {
    const ms = this.latencies.filter((l) => this.matches(l.match, method, template, path)).reduce((sum, l) => sum + l.ms, 0);
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  private checkRateLimit(): RouteResult | null {
    if (!this.rateLimit) return null;
    const now = Date.now();
    if (now - this.rateLimit.windowStart >= 1000) {
      this.rateLimit.windowStart = now;
      this.rateLimit.count = 0;
    }
    this.rateLimit.count++;
    if (this.rateLimit.count <= this.rateLimit.perSecond) return null;
    const retryAfter = Math.max(0.001, (this.rateLimit.windowStart + 1000 - now) / 1000);
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: retryAfter, global: true, code: 0 },
      headers: {
        'retry-after': String(Math.ceil(retryAfter)),
        'x-ratelimit-global': 'true',
        'x-ratelimit-scope': 'global',
      },
    };
  }

  private record(input: {
    method: string;
    path: string;
    route: string | null;
    params: Record<string, string>;
    url: URL;
    request: IncomingMessage;
    body: unknown;
    files: RecordedFile[];
    result: RouteResult;
    injected?: RecordedRequest['injected'];
  }): void {
    this.requests.push({
      seq: ++this.seq,
      at: Date.now(),
      method: input.method,
      path: input.path,
      route: input.route,
      params: input.params,
      query: Object.fromEntries(input.url.searchParams),
      authorization: input.request.headers.authorization,
      body: input.body,
      files: input.files,
      status: input.result.status,
      response: Buffer.isBuffer(input.result.body) ? undefined : input.result.body,
      injected: input.injected,
    });
    this.notify();
  }

  // ---- gateway payloads ------------------------------------------------------------------------

  applicationPayload() {
    return {
      id: this.applicationId,
      name: 'Support Bridge (fake)',
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: randomBytes(32).toString('hex'),
      flags: 0,
      owner: apiUser({ username: 'owner' }),
      team: null,
      bot: this.botUser,
      install_params: { scopes: ['bot', 'applications.commands'], permissions: '2147535872' },
    };
  }

  private readyPayload(sessionId: string) {
    const joinedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    return {
      ready: {
        v: 10,
        user: this.botUser,
        guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: sessionId,
        session_type: 'normal',
        resume_gateway_url: this.gatewayUrl,
        shard: [0, 1],
        application: { id: this.applicationId, flags: 0 },
        private_channels: [],
        relationships: [],
        presences: [],
        user_settings: {},
        guild_join_requests: [],
        auth: {},
      },
      after: this.guilds.map((g) => ({ t: GatewayDispatchEvents.GuildCreate, d: guildCreatePayload(g, this.botUser, joinedAt) })),
    };
  }
}
