import type { FakeTwilio } from './fake-twilio';
import { error, isJson, list, notFound, ProductRoute, Reply, str } from './fake-http';
import { conversationJson, FakeConversation, listJson, messageJson, participantJson, sid, webhookJson } from './resources';
import type { FormParams } from './spec-routes';

const HOST = 'https://conversations.twilio.com/v1';

/**
 * Conversations v1, at account level and inside a service (the same resources). A REST call
 * fires the conversation's webhooks only with `X-Twilio-Webhook-Enabled: true` (Conversations
 * webhooks guide: "only actions from SDK clients ... fire webhooks"; the header opts a REST call in).
 */
export function conversationsRoutes(fake: FakeTwilio): ProductRoute[] {
  const routes: ProductRoute[] = [];
  const on = (method: string, template: string, handler: ProductRoute['handler']) => routes.push({ method, template, handler });
  const within = (conversationSid: string, then: (c: FakeConversation) => Reply): Reply => {
    const conversation = fake.conversations.get(conversationSid);
    return conversation ? then(conversation) : notFound(`Conversation ${conversationSid}`);
  };
  const webhooksOn = (headers: Record<string, string | string[] | undefined>) => headers['x-twilio-webhook-enabled'] === 'true';

  on('GET', '/v1/Configuration', () => ({
    status: 200,
    json: { account_sid: fake.accountSid, default_chat_service_sid: fake.defaultChatServiceSid, default_messaging_service_sid: null, default_inactive_timer: null, default_closed_timer: null, url: `${HOST}/Configuration`, links: {} },
  }));
  on('GET', '/v1/Configuration/Webhooks', () => ({
    status: 200,
    json: { account_sid: fake.accountSid, method: 'POST', filters: fake.globalWebhook.filters, pre_webhook_url: null, post_webhook_url: fake.globalWebhook.url, target: 'webhook', url: `${HOST}/Configuration/Webhooks` },
  }));

  for (const prefix of ['/v1', '/v1/Services/{ChatServiceSid}']) {
    const C = `${prefix}/Conversations`;
    on('POST', C, ({ params, path }) => createConversation(fake, params, path.ChatServiceSid));
    on('GET', `${C}/{Sid}`, ({ path }) => within(path.Sid, (c) => ({ status: 200, json: conversationJson(fake.accountSid, c) })));
    on('POST', `${C}/{Sid}`, ({ params, path, headers }) => within(path.Sid, (c) => updateConversation(fake, c, params, webhooksOn(headers))));
    on('POST', `${C}/{ConversationSid}/Participants`, ({ params, path, headers }) => within(path.ConversationSid, (c) => addParticipant(fake, c, params, webhooksOn(headers))));
    on('GET', `${C}/{ConversationSid}/Participants`, ({ path }) =>
      within(path.ConversationSid, (c) => ({ status: 200, json: listJson('participants', `${HOST}/Conversations/${c.sid}/Participants`, c.participants.map((p) => participantJson(fake.accountSid, c.sid, p))) })),
    );
    on('POST', `${C}/{ConversationSid}/Webhooks`, ({ params, path }) => within(path.ConversationSid, (c) => addWebhook(fake, c, params)));
    on('GET', `${C}/{ConversationSid}/Webhooks`, ({ path }) =>
      within(path.ConversationSid, (c) => ({ status: 200, json: listJson('webhooks', `${HOST}/Conversations/${c.sid}/Webhooks`, c.webhooks.map((w) => webhookJson(fake.accountSid, c.sid, w))) })),
    );
    on('DELETE', `${C}/{ConversationSid}/Webhooks/{Sid}`, ({ path }) =>
      within(path.ConversationSid, (c) => {
        const index = c.webhooks.findIndex((w) => w.sid === path.Sid);
        if (index < 0) return notFound(`Webhook ${path.Sid}`);
        c.webhooks.splice(index, 1);
        return { status: 204 };
      }),
    );
    on('POST', `${C}/{ConversationSid}/Messages`, ({ params, path, headers }) => within(path.ConversationSid, (c) => postMessage(fake, c, params, webhooksOn(headers))));
    on('GET', `${C}/{ConversationSid}/Messages`, ({ path }) =>
      within(path.ConversationSid, (c) => ({ status: 200, json: listJson('messages', `${HOST}/Conversations/${c.sid}/Messages`, c.messages.map((m) => messageJson(fake.accountSid, c.sid, m, fake.media))) })),
    );
  }
  return routes;
}

function createConversation(fake: FakeTwilio, params: FormParams, serviceSid: string | undefined): Reply {
  const now = new Date();
  const conversation: FakeConversation = {
    sid: sid('CH'),
    chatServiceSid: serviceSid ?? fake.defaultChatServiceSid,
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
  fake.conversations.set(conversation.sid, conversation);
  return { status: 201, json: conversationJson(fake.accountSid, conversation) };
}

function updateConversation(fake: FakeTwilio, conversation: FakeConversation, params: FormParams, webhooks: boolean): Reply {
  if (params.Attributes !== undefined) {
    if (!isJson(str(params.Attributes)!)) return error(400, 50006, 'Attributes must be valid JSON');
    conversation.attributes = str(params.Attributes)!;
  }
  if (params.FriendlyName !== undefined) conversation.friendlyName = str(params.FriendlyName)!;
  const from = conversation.state;
  if (params.State !== undefined) conversation.state = str(params.State) as FakeConversation['state'];
  conversation.updated = new Date();
  if (webhooks && from !== conversation.state) {
    fake.fireLater(conversation, 'onConversationStateUpdated', { StateFrom: from, StateTo: conversation.state, Reason: 'API', Source: 'API' });
  }
  return { status: 200, json: conversationJson(fake.accountSid, conversation) };
}

function addParticipant(fake: FakeTwilio, conversation: FakeConversation, params: FormParams, webhooks: boolean): Reply {
  const identity = str(params.Identity) ?? null;
  if (identity && conversation.participants.some((p) => p.identity === identity)) return error(409, 50433, 'Participant already exists');
  const participant = { sid: sid('MB'), identity, attributes: str(params.Attributes) ?? '{}', created: new Date() };
  conversation.participants.push(participant);
  if (webhooks) fake.fireLater(conversation, 'onParticipantAdded', fake.participantEventParams(participant, 'API'));
  return { status: 201, json: participantJson(fake.accountSid, conversation.sid, participant) };
}

function addWebhook(fake: FakeTwilio, conversation: FakeConversation, params: FormParams): Reply {
  const target = str(params.Target) as 'webhook' | 'trigger' | 'studio';
  const flowSid = str(params['Configuration.FlowSid']) ?? null;
  if (target === 'studio' && !flowSid) return error(400, 50300, 'Configuration.FlowSid is required for a studio webhook');
  if (target === 'webhook' && !params['Configuration.Url']) return error(400, 50300, 'Configuration.Url is required for a webhook');
  if (conversation.webhooks.length >= 5) return error(400, 50300, 'A conversation has at most five scoped webhooks');
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
  return { status: 201, json: webhookJson(fake.accountSid, conversation.sid, webhook) };
}

function postMessage(fake: FakeTwilio, conversation: FakeConversation, params: FormParams, webhooks: boolean): Reply {
  if (conversation.state === 'closed') return error(400, 50407, 'Conversation is closed');
  const mediaSid = str(params.MediaSid);
  if (mediaSid && !fake.media.has(mediaSid)) return error(400, 50010, `Media ${mediaSid} does not exist`);
  const attributes = str(params.Attributes) ?? '{}';
  if (!isJson(attributes)) return error(400, 50006, 'Attributes must be valid JSON');
  const body = str(params.Body) ?? null;
  if (!body && !mediaSid) return error(400, 50005, 'A message needs a Body or a MediaSid');
  if (body && body.length > 1600) return error(400, 50005, 'Body is longer than 1600 characters');
  const author = str(params.Author) ?? 'system';
  const participant = conversation.participants.find((p) => p.identity === author);
  const message = fake.addMessage(conversation, { author, body, attributes, mediaSids: mediaSid ? [mediaSid] : [], participantSid: participant?.sid ?? null, source: 'API' });
  if (webhooks) fake.afterApiMessage(conversation, message);
  return { status: 201, json: messageJson(fake.accountSid, conversation.sid, message, fake.media) };
}
