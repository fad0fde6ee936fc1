import { randomBytes } from 'node:crypto';
import { conversationsRoutes } from './conversations-routes';
import { FakeServer, MEDIA_DIRECT } from './fake-server';
import { FakeReservation, FakeTask, FakeTaskRouter, FakeWorker } from './fake-taskrouter';
import { flexRoutes, mediaRoutes, studioRoutes } from './flex-studio-routes';
import { FakeConversation, FakeFlow, FakeInteraction, FakeMedia, FakeMessage, FakeParticipant, sid } from './resources';
export type { RecordedRequest } from './fake-server';
import { deliverSigned, httpTransport, SignOptions, WebhookDelivery, WebhookTransport } from './signed-webhooks';

/**
 * A local Twilio: Conversations v1, Flex v1 (Interactions), TaskRouter v1, Studio v2 and the Media
 * Content Service, with routes and parameter names checked against Twilio's OpenAPI definitions
 * (openapi-extract.json), Basic auth, Twilio-shaped JSON, every request recorded, injectable
 * failures. It sends what Twilio documents and nothing more: conversation webhooks for SDK-side
 * actions (an agent writing in Flex) and REST calls with X-Twilio-Webhook-Enabled, never for the
 * participant Flex adds or the close it makes; TaskRouter events, signed, to the workspace's
 * EventCallbackUrl. twilio-node reaches it through TWILIO_API_BASE_URL (product in the Host header).
 */
export class FakeTwilio extends FakeServer {
  readonly accountSid = sid('AC');
  readonly authToken = randomBytes(16).toString('hex');
  readonly apiKey = sid('SK');
  readonly apiSecret = randomBytes(16).toString('hex');
  readonly workspaceSid = sid('WS');
  readonly workflowSid = sid('WW');
  /** The account's default Conversations service. */
  readonly defaultChatServiceSid = sid('IS');
  /** The account-level (global) Conversations webhook. */
  readonly globalWebhook: { url: string | null; filters: string[] } = { url: null, filters: [] };

  readonly conversations = new Map<string, FakeConversation>();
  readonly interactions = new Map<string, FakeInteraction>();
  readonly flows = new Map<string, FakeFlow>();
  readonly media = new Map<string, FakeMedia>();
  readonly taskRouter: FakeTaskRouter;
  /** Messages posted with X-Twilio-Webhook-Enabled that a Studio webhook ran its flow for. */
  readonly studioTriggers: { flowSid: string; conversationSid: string; messageSid: string; body: string | null }[] = [];
  /** Every webhook the fake sent, with the app's answer. */
  readonly deliveries: WebhookDelivery[] = [];

  private transport: WebhookTransport = httpTransport;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor() {
    super();
    this.taskRouter = new FakeTaskRouter(this.accountSid, (url, params) => this.send(url, params), (work) => this.later(work), {
      workspaceSid: this.workspaceSid,
      workflowSid: this.workflowSid,
    });
    const media = mediaRoutes(this);
    this.mount('conversations.twilio.com', conversationsRoutes(this));
    this.mount('flex-api.twilio.com', flexRoutes(this));
    this.mount('taskrouter.twilio.com', this.taskRouter.routes());
    this.mount('studio.twilio.com', studioRoutes(this));
    this.mount('mcs.us1.twilio.com', media.mcs, false); // not in Twilio's OpenAPI definitions
    this.mount(MEDIA_DIRECT, media.direct, false);
  }

  /** Sends webhooks through this instead of HTTP (e.g. Fastify inject when the app does not listen). */
  useTransport(transport: WebhookTransport): void {
    this.transport = transport;
  }

  /** Waits for webhooks and events the fake sends on its own after an API call. */
  protected credentials(): [string, string][] {
    return [
      [this.accountSid, this.authToken],
      [this.apiKey, this.apiSecret],
    ];
  }

  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  // ---- what Flex, TaskRouter and agents do -----------------------------------------------------

  /** The conversation's newest task (created by an Interaction or Studio's Send to Flex). */
  taskFor(conversationSid: string): FakeTask {
    const task = this.taskRouter.taskOf((a) => a.conversationSid === conversationSid);
    if (!task) throw new Error(`FakeTwilio has no task for conversation ${conversationSid}`);
    return task;
  }

  /**
   * An agent accepts the chat's task: reservation.created and .accepted go to the workspace
   * callback; Flex's backend adds the agent to the conversation through the API, which fires
   * no conversation webhook.
   */
  async acceptTask(conversationSid: string, worker: Partial<FakeWorker> & { name?: string } = {}): Promise<FakeReservation> {
    await this.settle();
    const agent: FakeWorker = { sid: worker.sid ?? sid('WK'), name: worker.name ?? 'alice@example.com', attributes: worker.attributes ?? { full_name: 'Alice' } };
    const reservation = await this.taskRouter.accept(this.taskFor(conversationSid), agent);
    const conversation = this.conversationOrThrow(conversationSid);
    conversation.participants.push({ sid: sid('MB'), identity: agent.name, attributes: JSON.stringify({ member_type: 'agent' }), created: new Date() });
    return reservation;
  }

  /** Kept for older tests: an agent joining is Flex accepting the task (TaskRouter), never a participant webhook. */
  agentJoins(conversationSid: string, identity = 'alice@example.com', attributes: { friendly_name?: string } = {}): Promise<FakeReservation> {
    return this.acceptTask(conversationSid, { name: identity, attributes: attributes.friendly_name ? { full_name: attributes.friendly_name } : {} });
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

  /** A participant joins from an SDK client (not Flex's backend): onParticipantAdded fires. */
  async sdkParticipantJoins(conversationSid: string, identity: string, attributes: Record<string, unknown> = {}): Promise<WebhookDelivery[]> {
    const conversation = this.conversationOrThrow(conversationSid);
    const participant = { sid: sid('MB'), identity, attributes: JSON.stringify(attributes), created: new Date() };
    conversation.participants.push(participant);
    return this.fire(conversation, 'onParticipantAdded', this.participantEventParams(participant, 'SDK'));
  }

  /**
   * The agent ends the chat in Flex: Flex closes the conversation and the interaction channel
   * through its backend (no conversation webhook) and the task goes to wrapping (reservation.wrapup).
   */
  async wrapUp(conversationSid: string): Promise<void> {
    await this.closeConversation(conversationSid);
    const task = this.taskFor(conversationSid);
    const interaction = this.interactions.get(String(JSON.parse(task.attributes).flexInteractionSid));
    if (interaction) interaction.channelStatus = 'closed';
    await this.taskRouter.wrapUp(task);
  }

  /** The agent completes the task after wrap-up: task.completed. */
  completeTask(conversationSid: string): Promise<void> {
    return this.taskRouter.complete(this.taskFor(conversationSid));
  }

  /** Nobody accepted within the workflow's timeout: workflow.timeout, then task.canceled. */
  async workflowTimeout(conversationSid: string): Promise<void> {
    await this.settle();
    await this.taskRouter.timeOut(this.taskFor(conversationSid));
  }

  /** The conversation closes through the backend (the closed timer, or Flex): no webhook. */
  async closeConversation(conversationSid: string): Promise<void> {
    const conversation = this.conversationOrThrow(conversationSid);
    conversation.state = 'closed';
    conversation.updated = new Date();
  }

  /** Sends a webhook again exactly as Twilio retries it (same event, RetryCount + 1 where it has one). */
  redeliver(delivery: WebhookDelivery, options: SignOptions = {}): Promise<WebhookDelivery> {
    const params = delivery.params.RetryCount === undefined ? delivery.params : { ...delivery.params, RetryCount: String(Number(delivery.params.RetryCount) + 1) };
    return this.send(delivery.url, params, options);
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

  // ---- used by the product routes --------------------------------------------------------------

  /** Work Twilio does after answering an API call (webhooks, events), awaited by settle(). */
  later(work: () => Promise<unknown>): void {
    const running = new Promise((resolve) => setImmediate(resolve)).then(work);
    const tracked = running.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  fireLater(conversation: FakeConversation, eventType: string, extra: Record<string, string>): void {
    this.later(() => this.fire(conversation, eventType, extra));
  }

  addMessage(conversation: FakeConversation, input: Omit<FakeMessage, 'sid' | 'index' | 'created'>): FakeMessage {
    const message: FakeMessage = { ...input, sid: sid('IM'), index: conversation.messages.length, created: new Date() };
    conversation.messages.push(message);
    conversation.updated = new Date();
    if (conversation.state === 'inactive') conversation.state = 'active';
    return message;
  }

  /**
   * A REST message with X-Twilio-Webhook-Enabled: its Studio webhook runs the flow (whose split
   * sends a conversation in mode AGENT to Flex: a task), and the scoped webhooks get onMessageAdded.
   */
  afterApiMessage(conversation: FakeConversation, message: FakeMessage): void {
    for (const webhook of conversation.webhooks) {
      if (webhook.target !== 'studio' || !webhook.flowSid) continue;
      this.studioTriggers.push({ flowSid: webhook.flowSid, conversationSid: conversation.sid, messageSid: message.sid, body: message.body });
      const attributes = JSON.parse(conversation.attributes) as Record<string, unknown>;
      if (attributes.mode === 'AGENT') {
        // Send to Flex: an interaction for the conversation, whose task carries its SIDs.
        const interaction: FakeInteraction = { sid: sid('KD'), channel: { type: 'chat', sid: sid('UO'), properties: { media_channel_sid: conversation.sid } }, routing: null, channelStatus: 'active', created: new Date() };
        this.interactions.set(interaction.sid, interaction);
        const task = { conversationSid: conversation.sid, caseNumber: attributes.caseNumber, channelType: 'discord', flexInteractionSid: interaction.sid, flexInteractionChannelSid: interaction.channel.sid };
        this.taskRouter.createTask(task, 'chat');
      }
    }
    this.fireLater(conversation, 'onMessageAdded', this.messageEventParams(message));
  }

  participantEventParams(participant: FakeParticipant, source: 'SDK' | 'API'): Record<string, string> {
    return { ParticipantSid: participant.sid, Identity: participant.identity ?? '', Attributes: participant.attributes, DateCreated: participant.created.toISOString(), Source: source };
  }

  directUrl(media: FakeMedia): string {
    return `https://${MEDIA_DIRECT}/${media.sid}?Expires=${Math.floor(Date.now() / 1000) + 300}&Signature=${this.mediaSignature(media)}`;
  }

  mediaSignature(media: FakeMedia): string {
    return Buffer.from(`${media.sid}:${this.authToken}`).toString('base64url').slice(0, 24);
  }

  /** The conversation-scoped webhooks (target=webhook) whose filters include the event get it, signed. */
  private async fire(conversation: FakeConversation, eventType: string, extra: Record<string, string>): Promise<WebhookDelivery[]> {
    const deliveries: WebhookDelivery[] = [];
    for (const webhook of conversation.webhooks) {
      if (webhook.target !== 'webhook' || !webhook.url || !webhook.filters.includes(eventType)) continue;
      const params = { AccountSid: this.accountSid, ConversationSid: conversation.sid, EventType: eventType, WebhookSid: webhook.sid, WebhookType: 'webhook', RetryCount: '0', ...extra };
      // The guide lists ChatServiceSid for conversation events, not for onMessageAdded.
      if (eventType !== 'onMessageAdded') Object.assign(params, { ChatServiceSid: conversation.chatServiceSid });
      deliveries.push(await this.send(webhook.url, params));
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
}
