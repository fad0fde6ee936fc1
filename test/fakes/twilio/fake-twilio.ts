import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  conversationJson,
  FakeConversation,
  FakeFlow,
  FakeInteraction,
  FakeMedia,
  FakeMessage,
  flowJson,
  interactionChannelJson,
  interactionJson,
  listJson,
  mediaJson,
  messageJson,
  participantJson,
  sid,
  webhookJson,
} from './resources';
import { deliverSigned, httpTransport, SignOptions, WebhookDelivery, WebhookTransport } from './signed-webhooks';
import { FormParams, specRoute, SpecRoute, specViolations, templateMatcher } from './spec-routes';

export interface RecordedRequest {
  method: string;
  host: string;
  path: string;
  /** The spec route it matched, e.g. "POST /v1/Conversations/{ConversationSid}/Messages". */
  route: string | null;
  query: FormParams;
  params: FormParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  status: number;
}

interface Failure {
  route: string;
  status: number;
  times: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

interface Reply {
  status: number;
  json?: unknown;
  raw?: { contentType: string; data: Buffer };
  headers?: Record<string, string>;
}

type Handler = (request: { params: FormParams; path: Record<string, string>; headers: IncomingMessage['headers']; body: Buffer; query: FormParams }) => Reply;

interface Route {
  host: string;
  method: string;
  template: string;
  spec: SpecRoute | null;
  match: (path: string) => Record<string, string> | null;
  handler: Handler;
}

const CONVERSATIONS = 'conversations.twilio.com';
const FLEX = 'flex-api.twilio.com';
const STUDIO = 'studio.twilio.com';
const MCS = 'mcs.us1.twilio.com';
const MEDIA_DIRECT = 'media.us1.twilio.com';

const error = (status: number, code: number, message: string): Reply => ({
  status,
  json: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});
const notFound = (what: string) => error(404, 20404, `The requested resource ${what} was not found`);

function parseForm(text: string): FormParams {
  const out: FormParams = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

const str = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * A local Twilio: the Conversations v1, Flex v1 (Interactions), Studio v2 (Flows) and Media
 * Content Service routes the app calls, with routes and parameter names checked against Twilio's
 * OpenAPI definitions (openapi-extract.json), Basic auth, JSON bodies shaped like Twilio's, every
 * request recorded, injectable failures, and signed webhooks to the app as Flex sends them.
 * twilio-node reaches it through TWILIO_API_BASE_URL, with the product in the Host header.
 */
export class FakeTwilio {
  readonly accountSid = sid('AC');
  readonly authToken = randomBytes(16).toString('hex');
  readonly apiKey = sid('SK');
  readonly apiSecret = randomBytes(16).toString('hex');
  readonly workspaceSid = sid('WS');
  readonly workflowSid = sid('WW');
  /** The account's default Conversations service. */
  readonly defaultChatServiceSid = sid('IS');

  readonly requests: RecordedRequest[] = [];
  readonly conversations = new Map<string, FakeConversation>();
  readonly interactions = new Map<string, FakeInteraction>();
  readonly flows = new Map<string, FakeFlow>();
  readonly media = new Map<string, FakeMedia>();
  /** Messages posted with X-Twilio-Webhook-Enabled that a Studio webhook would have run its flow for. */
  readonly studioTriggers: { flowSid: string; conversationSid: string; messageSid: string; body: string | null }[] = [];
  /** Every webhook the fake sent, with the app's answer. */
  readonly deliveries: WebhookDelivery[] = [];

  private server: Server | null = null;
  private baseUrl = '';
  private readonly routes: Route[] = [];
  private failures: Failure[] = [];
  private transport: WebhookTransport = httpTransport;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor() {
    this.defineRoutes();
  }

  get url(): string {
    if (!this.server) throw new Error('FakeTwilio is not started');
    return this.baseUrl;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await this.settle();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Sends webhooks through this instead of HTTP (e.g. Fastify inject when the app does not listen). */
  useTransport(transport: WebhookTransport): void {
    this.transport = transport;
  }

  /** The next `times` calls to `route` (e.g. "POST /v1/Interactions") answer `status`. */
  fail(route: string, status: number, times = 1, options: { body?: Record<string, unknown>; headers?: Record<string, string> } = {}): void {
    this.failures.push({ route, status, times, ...options });
  }

  /** Recorded requests to one route, e.g. "POST /v1/Conversations/{ConversationSid}/Messages". */
  calls(route: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route === route);
  }

  /** Waits for webhooks the fake fired on its own (for messages posted with webhooks enabled). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  // ---- what Flex and its agents do -------------------------------------------------------------

  /** An agent accepts the task: Flex adds them as a participant; onParticipantAdded fires. */
  async agentJoins(conversationSid: string, identity = 'alice@example.com', attributes: Record<string, unknown> = {}): Promise<WebhookDelivery[]> {
    const conversation = this.conversationOrThrow(conversationSid);
    const participant = { sid: sid('MB'), identity, attributes: JSON.stringify(attributes), created: new Date() };
    conversation.participants.push(participant);
    return this.fire(conversation, 'onParticipantAdded', {
      ParticipantSid: participant.sid,
      Identity: identity,
      Attributes: participant.attributes,
      DateCreated: new Date().toISOString(),
      Source: 'SDK',
    });
  }

  /** An agent writes from Flex (Source=SDK), optionally with files: onMessageAdded fires. */
  async agentMessage(
    conversationSid: string,
    body: string,
    options: { author?: string; media?: { filename: string; contentType: string; data: Buffer }[] } = {},
  ): Promise<WebhookDelivery[]> {
    const conversation = this.conversationOrThrow(conversationSid);
    const author = options.author ?? 'alice@example.com';
    const mediaSids = (options.media ?? []).map((file) => {
      const stored: FakeMedia = { sid: sid('ME'), serviceSid: conversation.chatServiceSid, contentType: file.contentType, filename: file.filename, data: file.data, created: new Date() };
      this.media.set(stored.sid, stored);
      return stored.sid;
    });
    const participant = conversation.participants.find((p) => p.identity === author);
    const message = this.addMessage(conversation, { author, body, attributes: '{}', mediaSids, participantSid: participant?.sid ?? null, source: 'SDK' });
    return this.fire(conversation, 'onMessageAdded', this.messageEventParams(message));
  }

  /** The conversation closes (agent ends the chat, or the closed timer): onConversationStateUpdated fires. */
  async closeConversation(conversationSid: string): Promise<WebhookDelivery[]> {
    const conversation = this.conversationOrThrow(conversationSid);
    const from = conversation.state;
    conversation.state = 'closed';
    conversation.updated = new Date();
    return this.fire(conversation, 'onConversationStateUpdated', { StateFrom: from, StateTo: 'closed', Reason: 'API', Source: 'API' });
  }

  /** Sends a webhook again exactly as Twilio retries it (same event, RetryCount + 1). */
  redeliver(delivery: WebhookDelivery, options: SignOptions = {}): Promise<WebhookDelivery> {
    const retry = String(Number(delivery.params.RetryCount ?? '0') + 1);
    return this.send(delivery.url, { ...delivery.params, RetryCount: retry }, options);
  }

  /** Any webhook to any URL of the app, signed like Twilio's (or deliberately not). */
  async send(url: string, params: Record<string, string>, options: SignOptions = {}): Promise<WebhookDelivery> {
    const delivery = await deliverSigned(this.transport, this.authToken, url, params, options);
    this.deliveries.push(delivery);
    return delivery;
  }

  conversationOrThrow(conversationSid: string): FakeConversation {
    const conversation = this.conversations.get(conversationSid);
    if (!conversation) throw new Error(`FakeTwilio has no conversation ${conversationSid}`);
    return conversation;
  }

  /** The conversation-scoped webhooks (target=webhook) whose filters include the event get it, signed. */
  private async fire(conversation: FakeConversation, eventType: string, extra: Record<string, string>): Promise<WebhookDelivery[]> {
    const deliveries: WebhookDelivery[] = [];
    for (const webhook of conversation.webhooks) {
      if (webhook.target !== 'webhook' || !webhook.url || !webhook.filters.includes(eventType)) continue;
      deliveries.push(
        await this.send(webhook.url, {
          AccountSid: this.accountSid,
          ChatServiceSid: conversation.chatServiceSid,
          ConversationSid: conversation.sid,
          EventType: eventType,
          WebhookSid: webhook.sid,
          WebhookType: 'webhook',
          RetryCount: '0',
          ...extra,
        }),
      );
    }
    return deliveries;
  }

  private messageEventParams(message: FakeMessage): Record<string, string> {
    const params: Record<string, string> = {
      MessageSid: message.sid,
      Index: String(message.index),
      Author: message.author,
      Body: message.body ?? '',
      Attributes: message.attributes,
      DateCreated: message.created.toISOString(),
      Source: message.source,
    };
    if (message.participantSid) params.ParticipantSid = message.participantSid;
    if (message.source === 'SDK') params.ClientIdentity = message.author;
    if (message.mediaSids.length) {
      params.Media = JSON.stringify(
        message.mediaSids.map((id) => {
          const file = this.media.get(id)!;
          return { Sid: id, Filename: file.filename, ContentType: file.contentType, Size: file.data.length, Category: 'media' };
        }),
      );
    }
    return params;
  }

  private addMessage(conversation: FakeConversation, input: Omit<FakeMessage, 'sid' | 'index' | 'created'>): FakeMessage {
    const message: FakeMessage = { ...input, sid: sid('IM'), index: conversation.messages.length, created: new Date() };
    conversation.messages.push(message);
    conversation.updated = new Date();
    if (conversation.state === 'inactive') conversation.state = 'active';
    return message;
  }

  // ---- HTTP --------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const host = (req.headers.host ?? '').toLowerCase();
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = (req.method ?? 'GET').toUpperCase();
    const isForm = /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '');
    const params = isForm ? parseForm(body.toString('utf8')) : {};
    const query = parseForm(url.search.slice(1));
    const record: RecordedRequest = { method, host, path: url.pathname, route: null, query, params, headers: req.headers, body, status: 0 };
    this.requests.push(record);
    const reply = this.dispatch(record, req);
    record.status = reply.status;
    if (reply.raw) {
      res.writeHead(reply.status, { 'content-type': reply.raw.contentType, 'content-length': reply.raw.data.length });
      res.end(reply.raw.data);
      return;
    }
    const text = JSON.stringify(reply.json ?? {});
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...reply.headers });
    res.end(text);
  }

  private dispatch(record: RecordedRequest, req: IncomingMessage): Reply {
    for (const route of this.routes) {
      if (route.host !== record.host || route.method !== record.method) continue;
      const path = route.match(record.path);
      if (!path) continue;
      record.route = `${route.method} ${route.template}`;
      if (route.host !== MEDIA_DIRECT && !this.authorized(req)) return error(401, 20003, 'Authenticate');
      const failure = this.failures.find((f) => f.route === record.route && f.times > 0);
      if (failure) {
        failure.times -= 1;
        const injected = error(failure.status, failure.status === 429 ? 20429 : 20500, 'Injected failure');
        return { ...injected, ...(failure.body ? { json: failure.body } : {}), headers: failure.headers };
      }
      if (route.spec) {
        const problems = specViolations(route.spec, record.params, record.query);
        if (problems.length) return error(400, 20001, `Not in Twilio's API definition: ${problems.join('; ')}`);
      }
      return route.handler({ params: record.params, path, headers: req.headers, body: record.body, query: record.query });
    }
    return error(404, 20404, `No route ${record.method} ${record.host}${record.path} in the fake`);
  }

  private authorized(req: IncomingMessage): boolean {
    const match = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (!match) return false;
    const [user, password] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
    return (user === this.accountSid && password === this.authToken) || (user === this.apiKey && password === this.apiSecret);
  }

  private on(host: string, method: string, template: string, handler: Handler, checked = true): void {
    this.routes.push({ host, method, template, spec: checked ? specRoute(host, method, template) : null, match: templateMatcher(template), handler });
  }

  private defineRoutes(): void {
    // Conversations v1, at account level and inside a service: the same resources.
    for (const prefix of ['/v1', '/v1/Services/{ChatServiceSid}']) {
      this.on(CONVERSATIONS, 'POST', `${prefix}/Conversations`, ({ params, path }) => this.createConversation(params, path.ChatServiceSid));
      this.on(CONVERSATIONS, 'GET', `${prefix}/Conversations/{Sid}`, ({ path }) => this.withConversation(path.Sid, (c) => ({ status: 200, json: conversationJson(this.accountSid, c) })));
      this.on(CONVERSATIONS, 'POST', `${prefix}/Conversations/{Sid}`, ({ params, path }) => this.withConversation(path.Sid, (c) => this.updateConversation(c, params)));
      this.on(CONVERSATIONS, 'POST', `${prefix}/Conversations/{ConversationSid}/Participants`, ({ params, path }) =>
        this.withConversation(path.ConversationSid, (c) => this.addParticipant(c, params)),
      );
      this.on(CONVERSATIONS, 'GET', `${prefix}/Conversations/{ConversationSid}/Participants`, ({ path }) =>
        this.withConversation(path.ConversationSid, (c) => ({
          status: 200,
          json: listJson('participants', `https://${CONVERSATIONS}/v1/Conversations/${c.sid}/Participants`, c.participants.map((p) => participantJson(this.accountSid, c.sid, p))),
        })),
      );
      this.on(CONVERSATIONS, 'POST', `${prefix}/Conversations/{ConversationSid}/Webhooks`, ({ params, path }) =>
        this.withConversation(path.ConversationSid, (c) => this.addWebhook(c, params)),
      );
      this.on(CONVERSATIONS, 'GET', `${prefix}/Conversations/{ConversationSid}/Webhooks`, ({ path }) =>
        this.withConversation(path.ConversationSid, (c) => ({
          status: 200,
          json: listJson('webhooks', `https://${CONVERSATIONS}/v1/Conversations/${c.sid}/Webhooks`, c.webhooks.map((w) => webhookJson(this.accountSid, c.sid, w))),
        })),
      );
      this.on(CONVERSATIONS, 'POST', `${prefix}/Conversations/{ConversationSid}/Messages`, ({ params, path, headers }) =>
        this.withConversation(path.ConversationSid, (c) => this.postMessage(c, params, headers['x-twilio-webhook-enabled'] === 'true')),
      );
      this.on(CONVERSATIONS, 'GET', `${prefix}/Conversations/{ConversationSid}/Messages`, ({ path }) =>
        this.withConversation(path.ConversationSid, (c) => ({
          status: 200,
          json: listJson('messages', `https://${CONVERSATIONS}/v1/Conversations/${c.sid}/Messages`, c.messages.map((m) => messageJson(this.accountSid, c.sid, m, this.media))),
        })),
      );
    }

    // Flex v1 Interactions.
    this.on(FLEX, 'POST', '/v1/Interactions', ({ params }) => this.createInteraction(params));
    this.on(FLEX, 'GET', '/v1/Interactions/{Sid}', ({ path }) => {
      const interaction = this.interactions.get(path.Sid);
      return interaction ? { status: 200, json: interactionJson(interaction) } : notFound(`Interaction ${path.Sid}`);
    });
    this.on(FLEX, 'GET', '/v1/Interactions/{InteractionSid}/Channels/{Sid}', ({ path }) => {
      const interaction = this.interactions.get(path.InteractionSid);
      return interaction && interaction.channel.sid === path.Sid ? { status: 200, json: interactionChannelJson(interaction) } : notFound(`Channel ${path.Sid}`);
    });
    this.on(FLEX, 'POST', '/v1/Interactions/{InteractionSid}/Channels/{Sid}', ({ params, path }) => {
      const interaction = this.interactions.get(path.InteractionSid);
      if (!interaction || interaction.channel.sid !== path.Sid) return notFound(`Channel ${path.Sid}`);
      interaction.channelStatus = str(params.Status) as 'closed' | 'inactive';
      const conversationSid = (interaction.channel.properties as { media_channel_sid?: string } | undefined)?.media_channel_sid;
      const conversation = conversationSid ? this.conversations.get(conversationSid) : undefined;
      if (conversation && interaction.channelStatus === 'closed') {
        conversation.state = 'closed'; // Flex closes the media channel with the interaction channel
        conversation.updated = new Date();
      }
      return { status: 200, json: interactionChannelJson(interaction) };
    });

    // Studio v2 Flows.
    this.on(STUDIO, 'GET', '/v2/Flows', () => ({
      status: 200,
      json: listJson('flows', `https://${STUDIO}/v2/Flows`, [...this.flows.values()].map((f) => flowJson(this.accountSid, f))),
    }));
    this.on(STUDIO, 'POST', '/v2/Flows', ({ params }) => this.saveFlow(null, params));
    this.on(STUDIO, 'GET', '/v2/Flows/{Sid}', ({ path }) => {
      const flow = this.flows.get(path.Sid);
      return flow ? { status: 200, json: flowJson(this.accountSid, flow) } : notFound(`Flow ${path.Sid}`);
    });
    this.on(STUDIO, 'POST', '/v2/Flows/{Sid}', ({ params, path }) => {
      const flow = this.flows.get(path.Sid);
      return flow ? this.saveFlow(flow, params) : notFound(`Flow ${path.Sid}`);
    });

    // Media Content Service: not in Twilio's OpenAPI definitions (nor in twilio-node).
    this.on(MCS, 'POST', '/v1/Services/{ServiceSid}/Media', ({ path, headers, body }) => {
      if (body.length === 0) return error(400, 20001, 'The media content is empty');
      const media: FakeMedia = { sid: sid('ME'), serviceSid: path.ServiceSid, contentType: headers['content-type'] ?? 'application/octet-stream', filename: null, data: body, created: new Date() };
      this.media.set(media.sid, media);
      return { status: 201, json: mediaJson(this.accountSid, media, this.directUrl(media)) };
    }, false);
    this.on(MCS, 'GET', '/v1/Services/{ServiceSid}/Media/{Sid}', ({ path }) => {
      const media = this.media.get(path.Sid);
      return media && media.serviceSid === path.ServiceSid ? { status: 200, json: mediaJson(this.accountSid, media, this.directUrl(media)) } : notFound(`Media ${path.Sid}`);
    }, false);
    this.on(MEDIA_DIRECT, 'GET', '/{Sid}', ({ path, query }) => {
      const media = this.media.get(path.Sid);
      if (!media || str(query.Signature) !== this.mediaSignature(media)) return error(403, 20403, 'Expired or invalid media link');
      return { status: 200, raw: { contentType: media.contentType, data: media.data } };
    }, false);
  }

  private withConversation(conversationSid: string, then: (conversation: FakeConversation) => Reply): Reply {
    const conversation = this.conversations.get(conversationSid);
    return conversation ? then(conversation) : notFound(`Conversation ${conversationSid}`);
  }

  private createConversation(params: FormParams, serviceSid: string | undefined): Reply {
    const now = new Date();
    const conversation: FakeConversation = {
      sid: sid('CH'),
      chatServiceSid: serviceSid ?? this.defaultChatServiceSid,
      friendlyName: str(params.FriendlyName) ?? null,
      uniqueName: str(params.UniqueName) ?? null,
      attributes: str(params.Attributes) ?? '{}',
      state: (str(params.State) as FakeConversation['state']) ?? 'active',
      timers: {
        ...(params['Timers.Inactive'] ? { date_inactive: str(params['Timers.Inactive'])! } : {}),
        ...(params['Timers.Closed'] ? { date_closed: str(params['Timers.Closed'])! } : {}),
      },
      created: now,
      updated: now,
      participants: [],
      webhooks: [],
      messages: [],
    };
    if (!isJson(conversation.attributes)) return error(400, 50006, 'Attributes must be valid JSON');
    this.conversations.set(conversation.sid, conversation);
    return { status: 201, json: conversationJson(this.accountSid, conversation) };
  }

  private updateConversation(conversation: FakeConversation, params: FormParams): Reply {
    if (params.Attributes !== undefined) {
      if (!isJson(str(params.Attributes)!)) return error(400, 50006, 'Attributes must be valid JSON');
      conversation.attributes = str(params.Attributes)!;
    }
    if (params.FriendlyName !== undefined) conversation.friendlyName = str(params.FriendlyName)!;
    if (params.State !== undefined) conversation.state = str(params.State) as FakeConversation['state'];
    conversation.updated = new Date();
    return { status: 200, json: conversationJson(this.accountSid, conversation) };
  }

  private addParticipant(conversation: FakeConversation, params: FormParams): Reply {
    const identity = str(params.Identity) ?? null;
    if (identity && conversation.participants.some((p) => p.identity === identity)) {
      return error(409, 50433, 'Participant already exists');
    }
    const participant = { sid: sid('MB'), identity, attributes: str(params.Attributes) ?? '{}', created: new Date() };
    conversation.participants.push(participant);
    return { status: 201, json: participantJson(this.accountSid, conversation.sid, participant) };
  }

  private addWebhook(conversation: FakeConversation, params: FormParams): Reply {
    const target = str(params.Target) as 'webhook' | 'trigger' | 'studio';
    const flowSid = str(params['Configuration.FlowSid']) ?? null;
    if (target === 'studio' && !flowSid) return error(400, 50300, 'Configuration.FlowSid is required for a studio webhook');
    if (target === 'webhook' && !params['Configuration.Url']) return error(400, 50300, 'Configuration.Url is required for a webhook');
    const webhook = {
      sid: sid('WH'),
      target,
      url: str(params['Configuration.Url']) ?? null,
      method: str(params['Configuration.Method']) ?? null,
      filters: list(params['Configuration.Filters']),
      triggers: list(params['Configuration.Triggers']),
      flowSid,
      created: new Date(),
    };
    conversation.webhooks.push(webhook);
    return { status: 201, json: webhookJson(this.accountSid, conversation.sid, webhook) };
  }

  private postMessage(conversation: FakeConversation, params: FormParams, webhooksEnabled: boolean): Reply {
    if (conversation.state === 'closed') return error(400, 50407, 'Conversation is closed');
    const mediaSid = str(params.MediaSid);
    if (mediaSid && !this.media.has(mediaSid)) return error(400, 50010, `Media ${mediaSid} does not exist`);
    const attributes = str(params.Attributes) ?? '{}';
    if (!isJson(attributes)) return error(400, 50006, 'Attributes must be valid JSON');
    const body = str(params.Body) ?? null;
    if (!body && !mediaSid) return error(400, 50005, 'A message needs a Body or a MediaSid');
    if (body && body.length > 1600) return error(400, 50005, 'Body is longer than 1600 characters');
    const author = str(params.Author) ?? 'system';
    const participant = conversation.participants.find((p) => p.identity === author);
    const message = this.addMessage(conversation, { author, body, attributes, mediaSids: mediaSid ? [mediaSid] : [], participantSid: participant?.sid ?? null, source: 'API' });
    if (webhooksEnabled) this.afterApiMessage(conversation, message);
    return { status: 201, json: messageJson(this.accountSid, conversation.sid, message, this.media) };
  }

  /** With X-Twilio-Webhook-Enabled, REST-created messages fire the conversation's webhooks too. */
  private afterApiMessage(conversation: FakeConversation, message: FakeMessage): void {
    for (const webhook of conversation.webhooks) {
      if (webhook.target === 'studio' && webhook.flowSid) {
        this.studioTriggers.push({ flowSid: webhook.flowSid, conversationSid: conversation.sid, messageSid: message.sid, body: message.body });
      }
    }
    const firing = new Promise((resolve) => setImmediate(resolve)).then(() => this.fire(conversation, 'onMessageAdded', this.messageEventParams(message)));
    const tracked = firing.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  private createInteraction(params: FormParams): Reply {
    let channel: Record<string, unknown>;
    let routing: Record<string, unknown> | null;
    try {
      channel = JSON.parse(str(params.Channel)!);
      routing = params.Routing ? JSON.parse(str(params.Routing)!) : null;
    } catch {
      return error(400, 20001, 'Channel and Routing must be JSON');
    }
    const mediaChannelSid = (channel.properties as { media_channel_sid?: string } | undefined)?.media_channel_sid;
    if (mediaChannelSid && !this.conversations.has(mediaChannelSid)) return error(400, 20001, `Conversation ${mediaChannelSid} does not exist`);
    const interaction: FakeInteraction = { sid: sid('KD'), channel: { ...channel, sid: sid('UO') }, routing, channelStatus: 'active', created: new Date() };
    this.interactions.set(interaction.sid, interaction);
    return { status: 201, json: interactionJson(interaction) };
  }

  private saveFlow(existing: FakeFlow | null, params: FormParams): Reply {
    let definition: unknown = existing?.definition;
    if (params.Definition !== undefined) {
      try {
        definition = JSON.parse(str(params.Definition)!);
      } catch {
        return error(400, 20001, 'Definition must be JSON');
      }
    }
    const now = new Date();
    const flow: FakeFlow = existing
      ? { ...existing, definition, status: str(params.Status) as FakeFlow['status'], friendlyName: str(params.FriendlyName) ?? existing.friendlyName, commitMessage: str(params.CommitMessage) ?? null, revision: existing.revision + 1, updated: now }
      : { sid: sid('FW'), friendlyName: str(params.FriendlyName)!, status: str(params.Status) as FakeFlow['status'], definition, commitMessage: str(params.CommitMessage) ?? null, revision: 1, created: now, updated: now };
    this.flows.set(flow.sid, flow);
    return { status: existing ? 200 : 201, json: flowJson(this.accountSid, flow) };
  }

  private directUrl(media: FakeMedia): string {
    return `https://${MEDIA_DIRECT}/${media.sid}?Expires=${Math.floor(Date.now() / 1000) + 300}&Signature=${this.mediaSignature(media)}`;
  }

  private mediaSignature(media: FakeMedia): string {
    return Buffer.from(`${media.sid}:${this.authToken}`).toString('base64url').slice(0, 24);
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
