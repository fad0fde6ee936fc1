import type { Server } from 'node:http';
import { APIApplicationCommand, APIAttachment, APIMessage, APIUser, ChannelType, GatewayCloseCodes, GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import { FakeCdn } from './attachments';
import { CommandRegistry } from './commands';
import { ClosedDm, closedDm, NonceLog } from './dms';
import { FakeGateway } from './gateway';
import { FakeOAuth2 } from './oauth2';
import { CompiledRoute, compileRoutes, handleHttp, listen } from './http-handler';
import { newInteractionState, visibleReply } from './interaction-state';
import { apiUser, dmChannelPayload, FakeGuild, FakeUserInput, guildChannelPayload, messagePayload } from './payloads';
import { restRoutes } from './rest-routes';
import { fakeBotToken, fakeGuilds } from './setup';
import { RequestLog } from './request-log';
import { FakeFaults } from './faults';
import { applicationPayload, readyPayload } from './gateway-payloads';
import { buttonPayload, modalSubmitPayload, slashCommandPayload } from './interactions';
import { snowflake } from './snowflake';
import type { RecordedRequest, RequestMatch, InjectedFailure, InteractionState, FakeChannelState, FakeDiscordOptions, SlashCommandInput, ButtonInput, ModalSubmitInput, InteractionPayload, InteractionReply } from './types';
export type { RecordedRequest, RequestMatch, InjectedFailure, InteractionState, FakeChannelState, FakeDiscordOptions, SlashCommandInput, ButtonInput, ModalSubmitInput, InteractionPayload, InteractionReply } from './types';

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
  private readonly log = new RequestLog();
  readonly requests: RecordedRequest[] = this.log.requests;
  readonly users = new Map<string, APIUser>();
  readonly channels = new Map<string, FakeChannelState>();
  readonly interactions = new Map<string, InteractionState>();
  readonly commands = new CommandRegistry(this.applicationId);
  readonly closedDms = new Map<string, ClosedDm>();
  private readonly dmChannelsByUser = new Map<string, string>();
  private readonly nonces = new NonceLog(() => this.options.nonceWindowMs);
  private readonly cdn = new FakeCdn();
  private readonly routes: CompiledRoute[];
  readonly faults = new FakeFaults(); // injected errors and latency; `delayed` lists the requests it held
  readonly gateway: FakeGateway; // tests hold HELLO or READY back and count its sockets
  /** OAuth2 (the web desk's "Sign in with Discord"): apps, the browser's signed-in user, guild members. */
  readonly oauth2 = new FakeOAuth2((id) => this.userFor(id));
  private server!: Server;
  private port = 0;

  private constructor(options: Partial<FakeDiscordOptions>) {
    this.options = { interactionTimeoutMs: 3000, heartbeatIntervalMs: 41_250, allowPrivilegedIntents: false, nonceWindowMs: 5 * 60_000, ...options };
    this.botUser = apiUser({ id: snowflake(), username: 'Support Bot', bot: true });
    this.token = fakeBotToken(this.botUser.id);
    this.guilds = fakeGuilds(options.guilds);
    for (const guild of this.guilds) {
      for (const channel of guild.channels) {
        this.channels.set(channel.id, { payload: guildChannelPayload(guild, channel), guildId: guild.id, messages: [] });
      }
    }
    this.routes = compileRoutes(restRoutes(this));
    this.gateway = new FakeGateway({
      token: () => this.token,
      heartbeatIntervalMs: this.options.heartbeatIntervalMs,
      allowPrivilegedIntents: this.options.allowPrivilegedIntents,
      readyPayload: (sessionId) => readyPayload(this, sessionId),
      onActivity: () => this.log.notify(),
    });
  }

  static async start(options: Partial<FakeDiscordOptions> = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    const { server, port } = await listen((request, response) => handleHttp(fake.httpDeps(), request, response), fake.gateway);
    fake.server = server;
    fake.port = port;
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

  /** The user does not accept DMs from the bot (403 50007 on send, or with `at: 'open'` already on DM create; see dms.ts). */
  closeDms(userId: string, options: { at?: 'open' | 'send'; code?: number } = {}): void {
    this.closedDms.set(userId, closedDm(options));
  }

  openDms(userId: string): void {
    this.closedDms.delete(userId);
  }

  /** Serves bytes at a CDN-like URL and returns the attachment object Discord would send. */
  addAttachment(input: { filename: string; contentType?: string; data: Buffer; channelId?: string }): APIAttachment {
    return this.cdn.add(`http://127.0.0.1:${this.port}`, input);
  }

  /** The bot's earlier message with that nonce (`enforce_nonce`, within the window; see dms.ts). */
  messageWithNonce(authorId: string, nonce: string | number): APIMessage | null {
    const known = this.nonces.find(authorId, nonce);
    return known ? (this.channels.get(known.channelId)?.messages.find((m) => m.id === known.messageId) ?? null) : null;
  }

  rememberNonce(message: APIMessage, nonce: string | number): void {
    this.nonces.remember(message, nonce);
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
    return this.commands.register(guildId, body);
  }

  /** Resolves when the bot has registered commands (globally or in a guild) after logging in. */
  async waitForCommands(timeoutMs = 10_000): Promise<APIApplicationCommand[]> {
    const request = await this.waitFor((r) => r.method === 'PUT' && r.route?.includes('/commands') === true && r.status === 200, timeoutMs);
    return request.response as APIApplicationCommand[];
  }

  /** The registered command of that name (in the guild, else global); throws when the bot did not register it. */
  registeredCommand(name: string, guildId?: string): APIApplicationCommand {
    return this.commands.find(name, guildId);
  }

  registeredNames(): string[] {
    return this.commands.names();
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
    this.interactions.set(payload.token, newInteractionState(payload));
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
    if (this.gateway.dispatch(event, data) === 0 && this.gateway.resumableSessions().length === 0) throw new Error('fake discord: no bot is connected to the gateway');
  }

  /** Waits for the interaction's visible answer (a reply, the edit of a deferred reply, or a follow-up). */
  async waitForReply(interaction: { token: string }, timeoutMs = 5000): Promise<InteractionReply> {
    const visible = () => visibleReply(this.interactions.get(interaction.token));
    await this.log.until(() => visible() !== null, timeoutMs, `a reply to interaction ${interaction.token.slice(0, 16)}…`);
    return visible()!;
  }

  liveSessionCount = (): number => this.gateway.liveSessions().length; // identified sessions: one per logged-in bot
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
    await this.log.until(() => this.gateway.received.some(predicate), timeoutMs, 'a gateway payload');
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
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /** Requests matching an OpenAPI template (and method). */
  requestsTo(route: string, method?: string): RecordedRequest[] {
    return this.log.to(route, method);
  }

  private httpDeps() {
    return { port: this.port, token: this.token, routes: this.routes, cdn: this.cdn, oauth2: this.oauth2, faults: this.faults, log: this.log };
  }

  /** GET /applications/@me (also part of READY). */
  applicationPayload() {
    return applicationPayload(this);
  }
}
