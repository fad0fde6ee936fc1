import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  APIApplicationCommand,
  APIAttachment,
  APIMessage,
  APIUser,
  ApplicationCommandType,
  ChannelType,
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  RESTJSONErrorCodes,
} from 'discord-api-types/v10';
import { FakeGateway } from './gateway';
import { FakeOAuth2 } from './oauth2';
import { compileTemplate, discordError, parseBody, readBody, RecordedFile, send } from './http';
import { apiUser, dmChannelPayload, FakeGuild, FakeUserInput, guildChannelPayload, messagePayload } from './payloads';
import { Route, RouteResult, restRoutes } from './rest-routes';
import { FakeFaults } from './faults';
import { applicationPayload, readyPayload } from './gateway-payloads';
import { buttonPayload, modalSubmitPayload, slashCommandPayload } from './interactions';
import { snowflake } from './snowflake';
import type { RecordedRequest, RequestMatch, InjectedFailure, InteractionState, FakeChannelState, FakeDiscordOptions, SlashCommandInput, ButtonInput, ModalSubmitInput, InteractionPayload, InteractionReply } from './types';

export type { RecordedRequest, RequestMatch, InjectedFailure, InteractionState, FakeChannelState, FakeDiscordOptions, SlashCommandInput, ButtonInput, ModalSubmitInput, InteractionPayload, InteractionReply } from './types';

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
  private readonly faults = new FakeFaults();
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
      readyPayload: (sessionId) => readyPayload(this, sessionId),
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

  /** The registered command of that name (in the guild, else global); throws when the bot did not register it. */
  registeredCommand(name: string, guildId?: string): APIApplicationCommand {
    const command = (guildId ? this.commands.guilds.get(guildId) : undefined)?.find((c) => c.name === name) ?? this.commands.global.find((c) => c.name === name);
    if (!command) throw new Error(`fake discord: /${name} is not registered (registered: ${this.registeredNames().join(', ') || 'none'})`);
    return command;
  }

  registeredNames(): string[] {
    return [...this.commands.global, ...[...this.commands.guilds.values()].flat()].map((c) => c.name);
  }

  /** An INTERACTION_CREATE payload for a slash command, with option types taken from the registered command. */
  slashCommand(input: SlashCommandInput): InteractionPayload {
    return slashCommandPayload(this, input);
  }

  /** An INTERACTION_CREATE payload for a click on a button the bot sent. */
  button(input: ButtonInput): InteractionPayload {
    return buttonPayload(this, input);
  }

  /** An INTERACTION_CREATE payload for a submitted modal (type 5): one action row per text input. */
  modalSubmit(input: ModalSubmitInput): InteractionPayload {
    return modalSubmitPayload(this, input);
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

  /** Low-level: any dispatch event to every live session (with `intent`, only to sessions that asked for it). */
  dispatch(event: string, data: unknown, intent?: number): number {
    return this.gateway.dispatch(event, data, intent);
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
    this.faults.failNext(match, failure);
  }

  /** Discord's global limit (50 requests per second per bot): above it, 429 with retry_after and global: true. */
  setGlobalRateLimit(perSecond: number | null): void {
    this.faults.setGlobalRateLimit(perSecond);
  }

  /** Delays matching responses (all when no match is given). */
  setLatency(ms: number, match: RequestMatch = {}): void {
    this.faults.setLatency(ms, match);
  }

  clearLatency(): void {
    this.faults.clearLatency();
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
      await this.faults.delay(method, found.route.template, path);
      const limited = found.route.auth === 'bot' ? this.faults.checkRateLimit() : null;
      const failure = limited ? null : this.faults.takeFailure(method, found.route.template, path);
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
    return applicationPayload(this);
  }
}
