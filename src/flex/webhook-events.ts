import { agentDisplayName, isPlayerIdentity } from './identities';
import { isSid, requireSid } from './twilio-sids';
import { param, WebhookParams } from './webhook-params';

export type { WebhookParams } from './webhook-params';

export interface MediaRef {
  sid: string;
  filename: string | null;
  contentType: string | null;
}

/** What a verified webhook asks of the routing core; stored as the `flex.webhook` job's payload. */
export type FlexWebhookJob =
  | { type: 'agentMessage'; conversationSid: string; messageSid: string; chatServiceSid: string | null; authorName: string | null; body: string; media: MediaRef[] }
  | { type: 'agentJoined'; conversationSid: string; agentName: string | null; onlyIfNoAgent?: boolean; platformRefs?: Record<string, string> }
  | { type: 'platformClosed'; conversationSid: string }
  | { type: 'noAgent'; conversationSid: string }
  | { type: 'botTurn'; conversationSid: string; messageSid: string; body: string };

export interface ClassifiedEvent {
  job: FlexWebhookJob;
  dedupeKey: string;
}

export const FLEX_WEBHOOK_JOB = 'flex.webhook';

declare module '../queue/job-map' {
  interface JobMap {
    [FLEX_WEBHOOK_JOB]: FlexWebhookJob;
  }
}

/** One key for "this chat ended", whichever signal reports it (conversation closed, wrap-up, task completed). */
export const closedKey = (conversationSid: string) => `flex:closed:${conversationSid}`;

/**
 * POST /forward-to-discord. Twilio's Conversations webhooks guide: only SDK-side actions (an agent
 * typing in Flex) fire webhooks, and REST calls only with X-Twilio-Webhook-Enabled, so
 * onMessageAdded with Source=SDK is the agent; ours come back as Source=API and are ignored.
 * Participants Flex adds and closes Flex makes are backend actions: those webhooks usually never
 * come (TaskRouter reports them), and when they do they are secondary signals.
 * Null when the event needs nothing; InvalidWebhookField when a value is malformed.
 */
export function classifyConversationEvent(params: WebhookParams): ClassifiedEvent | null {
  const eventType = param(params, 'EventType', 100);
  if (eventType !== 'onMessageAdded' && eventType !== 'onParticipantAdded' && eventType !== 'onConversationStateUpdated') return null;
  const conversationSid = requireSid(param(params, 'ConversationSid', 34), 'ConversationSid', 'CH');
  switch (eventType) {
    case 'onMessageAdded': {
      const messageSid = requireSid(param(params, 'MessageSid', 34), 'MessageSid', 'IM');
      const author = param(params, 'Author', 256);
      const service = param(params, 'ChatServiceSid', 34);
      const chatServiceSid = service === undefined ? null : requireSid(service, 'ChatServiceSid', 'IS');
      const body = param(params, 'Body') ?? '';
      const media = parseMedia(param(params, 'Media'));
      if (param(params, 'Source', 20)?.toUpperCase() !== 'SDK' || isPlayerIdentity(author)) return null;
      return {
        job: { type: 'agentMessage', conversationSid, messageSid, chatServiceSid, authorName: agentDisplayName(author), body, media },
        dedupeKey: `flex:message:${messageSid}`,
      };
    }
    case 'onParticipantAdded': {
      const participantSid = requireSid(param(params, 'ParticipantSid', 34), 'ParticipantSid', 'MB');
      const identity = param(params, 'Identity', 256);
      if (!identity || isPlayerIdentity(identity)) return null;
      return {
        job: { type: 'agentJoined', conversationSid, agentName: agentDisplayName(identity, param(params, 'Attributes')), onlyIfNoAgent: true },
        dedupeKey: `flex:participant:${participantSid}`,
      };
    }
    default:
      if (param(params, 'StateTo', 20) !== 'closed') return null;
      return { job: { type: 'platformClosed', conversationSid }, dedupeKey: closedKey(conversationSid) };
  }
}

/** POST /chatbot-to-discord, called by the Studio Flow's HTTP request widget for a bot turn. */
export function classifyBotTurn(params: WebhookParams): ClassifiedEvent {
  const conversationSid = requireSid(param(params, 'ConversationSid', 34), 'ConversationSid', 'CH');
  const messageSid = requireSid(param(params, 'MessageSid', 34), 'MessageSid', 'IM');
  return { job: { type: 'botTurn', conversationSid, messageSid, body: param(params, 'Body') ?? '' }, dedupeKey: `studio:turn:${messageSid}` };
}

/** The webhook's `Media`: a JSON array of {Sid, Filename, ContentType, Size} (MediaSid in newer payloads). */
export function parseMedia(raw: string | undefined): MediaRef[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.slice(0, 10).flatMap((item: Record<string, unknown>) => {
    const sid = item?.Sid ?? item?.MediaSid ?? item?.sid;
    if (typeof sid !== 'string' || !isSid(sid, 'ME')) return [];
    const filename = item.Filename ?? item.filename;
    const contentType = item.ContentType ?? item.content_type;
    return [
      {
        sid,
        filename: typeof filename === 'string' ? filename.slice(0, 200) : null,
        contentType: typeof contentType === 'string' ? contentType.slice(0, 100) : null,
      },
    ];
  });
}
