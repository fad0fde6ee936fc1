import { agentDisplayName, isPlayerIdentity } from './identities';

/** Form parameters of a Twilio webhook, as Fastify parsed them (a repeated key becomes an array). */
export type WebhookParams = Record<string, string | string[] | undefined>;

export interface MediaRef {
  sid: string;
  filename: string | null;
  contentType: string | null;
}

/** What a verified webhook asks of the routing core; stored as the `flex.webhook` job's payload. */
export type FlexWebhookJob =
  | { type: 'agentMessage'; conversationSid: string; messageSid: string; chatServiceSid: string | null; authorName: string | null; body: string; media: MediaRef[] }
  | { type: 'agentJoined'; conversationSid: string; agentName: string | null }
  | { type: 'platformClosed'; conversationSid: string }
  | { type: 'botTurn'; conversationSid: string; messageSid: string; body: string };

export const FLEX_WEBHOOK_JOB = 'flex.webhook';

declare module '../queue/job-map' {
  interface JobMap {
    [FLEX_WEBHOOK_JOB]: FlexWebhookJob;
  }
}

const one = (params: WebhookParams, key: string): string | undefined => {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
};

/** A Twilio SID (two letters, 32 hex digits): anything else was not sent by Twilio and names nothing we store. */
const isSid = (value: string | undefined, prefix: string): value is string => value !== undefined && value.length === 34 && value.startsWith(prefix) && /^[A-Z]{2}[0-9a-fA-F]{32}$/.test(value);

/**
 * POST /forward-to-discord: agent messages (Source=SDK; ours come back as Source=API and are
 * ignored), an agent joining, the conversation closing. Null when the event needs nothing.
 * The dedupe key identifies the event, so Twilio's retries of one delivery become one job.
 */
export function classifyConversationEvent(params: WebhookParams): { job: FlexWebhookJob; dedupeKey: string } | null {
  const conversationSid = one(params, 'ConversationSid');
  if (!isSid(conversationSid, 'CH')) return null;
  switch (one(params, 'EventType')) {
    case 'onMessageAdded': {
      const messageSid = one(params, 'MessageSid');
      const author = one(params, 'Author');
      if (one(params, 'Source')?.toUpperCase() !== 'SDK' || !isSid(messageSid, 'IM') || isPlayerIdentity(author)) return null;
      return {
        job: {
          type: 'agentMessage',
          conversationSid,
          messageSid,
          chatServiceSid: one(params, 'ChatServiceSid') ?? null,
          authorName: agentDisplayName(author),
          body: one(params, 'Body') ?? '',
          media: parseMedia(one(params, 'Media')),
        },
        dedupeKey: `flex:message:${messageSid}`,
      };
    }
    case 'onParticipantAdded': {
      const identity = one(params, 'Identity');
      if (!identity || identity.length > 128 || isPlayerIdentity(identity)) return null;
      const given = one(params, 'ParticipantSid');
      const participantSid = given && /^\w{1,64}$/.test(given) ? given : identity; // the dedupe key has 200 characters
      return {
        job: { type: 'agentJoined', conversationSid, agentName: agentDisplayName(identity, one(params, 'Attributes')) },
        dedupeKey: `flex:participant:${conversationSid}:${participantSid}`,
      };
    }
    case 'onConversationStateUpdated':
      if (one(params, 'StateTo') !== 'closed') return null;
      return { job: { type: 'platformClosed', conversationSid }, dedupeKey: `flex:closed:${conversationSid}` };
    default:
      return null;
  }
}

/** POST /chatbot-to-discord, called by the Studio Flow's HTTP request widget for a bot turn. */
export function classifyBotTurn(params: WebhookParams): { job: FlexWebhookJob; dedupeKey: string } | null {
  const conversationSid = one(params, 'ConversationSid');
  const messageSid = one(params, 'MessageSid');
  if (!isSid(conversationSid, 'CH') || !isSid(messageSid, 'IM')) return null;
  return { job: { type: 'botTurn', conversationSid, messageSid, body: one(params, 'Body') ?? '' }, dedupeKey: `studio:turn:${messageSid}` };
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
  return parsed.flatMap((item: Record<string, unknown>) => {
    const sid = item?.Sid ?? item?.MediaSid ?? item?.sid;
    if (typeof sid !== 'string' || !/^ME[0-9a-fA-F]{32}$/.test(sid)) return [];
    const filename = item.Filename ?? item.filename;
    const contentType = item.ContentType ?? item.content_type;
    return [{ sid, filename: typeof filename === 'string' ? filename : null, contentType: typeof contentType === 'string' ? contentType : null }];
  });
}
