import { randomBytes } from 'node:crypto';

/** A Twilio SID: two-letter prefix and 32 hex characters (CH, MB, IM, KD, UO, ME, FW, WH, IS...). */
export const sid = (prefix: string): string => `${prefix}${randomBytes(16).toString('hex')}`;

/** Twilio's timestamps: ISO 8601 without milliseconds. */
export const twilioDate = (date = new Date()): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface FakeConversation {
  sid: string;
  chatServiceSid: string;
  friendlyName: string | null;
  uniqueName: string | null;
  attributes: string;
  state: 'initializing' | 'inactive' | 'active' | 'closed';
  timers: Record<string, string>;
  created: Date;
  updated: Date;
  participants: FakeParticipant[];
  webhooks: FakeWebhook[];
  messages: FakeMessage[];
}

export interface FakeParticipant {
  sid: string;
  identity: string | null;
  attributes: string;
  created: Date;
}

export interface FakeWebhook {
  sid: string;
  target: 'webhook' | 'trigger' | 'studio';
  url: string | null;
  method: string | null;
  filters: string[];
  triggers: string[];
  flowSid: string | null;
  created: Date;
}

export interface FakeMessage {
  sid: string;
  index: number;
  author: string;
  body: string | null;
  attributes: string;
  mediaSids: string[];
  participantSid: string | null;
  /** Where it came from: API (REST calls, i.e. the app) or SDK (an agent in Flex). */
  source: 'API' | 'SDK';
  created: Date;
}

export interface FakeInteraction {
  sid: string;
  channel: Record<string, unknown> & { sid: string };
  routing: Record<string, unknown> | null;
  channelStatus: 'setup' | 'active' | 'failed' | 'closed' | 'inactive';
  created: Date;
}

export interface FakeFlow {
  sid: string;
  friendlyName: string;
  status: 'draft' | 'published';
  definition: unknown;
  commitMessage: string | null;
  revision: number;
  created: Date;
  updated: Date;
}

export interface FakeMedia {
  sid: string;
  serviceSid: string;
  contentType: string;
  filename: string | null;
  data: Buffer;
  created: Date;
}

const CONVERSATIONS = 'https://conversations.twilio.com/v1';
const FLEX = 'https://flex-api.twilio.com/v1';
const STUDIO = 'https://studio.twilio.com/v2';
const MCS = 'https://mcs.us1.twilio.com/v1';

// Response bodies shaped like Twilio's (snake_case, the fields of the OpenAPI schemas).

export function conversationJson(accountSid: string, c: FakeConversation) {
  const url = `${CONVERSATIONS}/Conversations/${c.sid}`;
  return {
    account_sid: accountSid,
    chat_service_sid: c.chatServiceSid,
    messaging_service_sid: null,
    sid: c.sid,
    friendly_name: c.friendlyName,
    unique_name: c.uniqueName,
    attributes: c.attributes,
    state: c.state,
    date_created: twilioDate(c.created),
    date_updated: twilioDate(c.updated),
    timers: c.timers,
    url,
    links: { participants: `${url}/Participants`, messages: `${url}/Messages`, webhooks: `${url}/Webhooks` },
    bindings: null,
  };
}

export function participantJson(accountSid: string, conversationSid: string, p: FakeParticipant) {
  return {
    account_sid: accountSid,
    conversation_sid: conversationSid,
    sid: p.sid,
    identity: p.identity,
    attributes: p.attributes,
    messaging_binding: null,
    role_sid: null,
    date_created: twilioDate(p.created),
    date_updated: twilioDate(p.created),
    url: `${CONVERSATIONS}/Conversations/${conversationSid}/Participants/${p.sid}`,
    last_read_message_index: null,
    last_read_timestamp: null,
  };
}

export function webhookJson(accountSid: string, conversationSid: string, w: FakeWebhook) {
  return {
    sid: w.sid,
    account_sid: accountSid,
    conversation_sid: conversationSid,
    target: w.target,
    url: `${CONVERSATIONS}/Conversations/${conversationSid}/Webhooks/${w.sid}`,
    configuration:
      w.target === 'studio'
        ? { flow_sid: w.flowSid }
        : { url: w.url, method: w.method?.toUpperCase() ?? 'POST', filters: w.filters, triggers: w.triggers },
    date_created: twilioDate(w.created),
    date_updated: twilioDate(w.created),
  };
}

export function messageJson(accountSid: string, conversationSid: string, m: FakeMessage, media: Map<string, FakeMedia>) {
  const url = `${CONVERSATIONS}/Conversations/${conversationSid}/Messages/${m.sid}`;
  return {
    account_sid: accountSid,
    conversation_sid: conversationSid,
    sid: m.sid,
    index: m.index,
    author: m.author,
    body: m.body,
    media: m.mediaSids.length
      ? m.mediaSids.map((id) => {
          const file = media.get(id);
          return { sid: id, size: file?.data.length ?? 0, content_type: file?.contentType ?? 'application/octet-stream', filename: file?.filename ?? null, category: 'media' };
        })
      : null,
    attributes: m.attributes,
    participant_sid: m.participantSid,
    date_created: twilioDate(m.created),
    date_updated: twilioDate(m.created),
    url,
    delivery: null,
    links: { delivery_receipts: `${url}/Receipts`, channel_metadata: `${url}/ChannelMetadata` },
    content_sid: null,
  };
}

export function interactionJson(i: FakeInteraction) {
  const url = `${FLEX}/Interactions/${i.sid}`;
  return { sid: i.sid, channel: i.channel, routing: i.routing, url, links: { channels: `${url}/Channels` }, interaction_context_sid: null, webhook_ttid: null };
}

export function interactionChannelJson(i: FakeInteraction) {
  const url = `${FLEX}/Interactions/${i.sid}/Channels/${i.channel.sid}`;
  return {
    sid: i.channel.sid,
    interaction_sid: i.sid,
    type: i.channel.type ?? 'chat',
    status: i.channelStatus,
    error_code: null,
    error_message: null,
    url,
    links: { participants: `${url}/Participants`, invites: `${url}/Invites`, transfers: `${url}/Transfers` },
  };
}

export function flowJson(accountSid: string, f: FakeFlow) {
  const url = `${STUDIO}/Flows/${f.sid}`;
  return {
    sid: f.sid,
    account_sid: accountSid,
    friendly_name: f.friendlyName,
    definition: f.definition,
    status: f.status,
    revision: f.revision,
    commit_message: f.commitMessage,
    valid: true,
    errors: [],
    warnings: [],
    date_created: twilioDate(f.created),
    date_updated: twilioDate(f.updated),
    webhook_url: `https://webhooks.twilio.com/v1/Accounts/${accountSid}/Flows/${f.sid}`,
    url,
    links: { test_users: `${url}/TestUsers`, revisions: `${url}/Revisions`, executions: `${url}/Executions` },
  };
}

export function mediaJson(accountSid: string, m: FakeMedia, directUrl: string) {
  const url = `${MCS}/Services/${m.serviceSid}/Media/${m.sid}`;
  return {
    sid: m.sid,
    account_sid: accountSid,
    service_sid: m.serviceSid,
    date_created: twilioDate(m.created),
    date_updated: null,
    channel_sid: null,
    message_sid: null,
    size: m.data.length,
    content_type: m.contentType,
    filename: m.filename,
    author: null,
    category: 'media',
    url,
    links: { content: `/v1/Services/${m.serviceSid}/Media/${m.sid}/Content`, content_direct_temporary: directUrl },
  };
}

export function listJson(key: string, url: string, items: unknown[]) {
  return {
    [key]: items,
    meta: { page: 0, page_size: 50, first_page_url: `${url}?PageSize=50&Page=0`, previous_page_url: null, url: `${url}?PageSize=50&Page=0`, next_page_url: null, key },
  };
}
