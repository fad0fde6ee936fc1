import { agentDisplayName, parseAttributes } from './identities';
import { isSid, requireSid } from './twilio-sids';
import { ClassifiedEvent, closedKey } from './webhook-events';
import { param, WebhookParams } from './webhook-params';

/**
 * The TaskRouter events the bridge needs, set as the workspace's EventsFilter by provisioning.
 * Flex Conversations best practices: handle the terminal task events, or conversations stay
 * orphaned. Reference: TaskRouter Events (https://www.twilio.com/docs/taskrouter/api/event/reference).
 */
export const TASKROUTER_EVENTS = ['reservation.accepted', 'reservation.wrapup', 'task.completed', 'task.canceled', 'workflow.timeout'] as const;

/**
 * POST /twilio/taskrouter-events: the workspace's event callback, form-encoded and signed like
 * every Twilio webhook. A task is ours when its attributes carry the conversation SID (our
 * Interactions and Flex's own conversation tasks set `conversationSid`). Null for events of
 * another workspace, another kind, or another channel; InvalidWebhookField when malformed.
 */
export function classifyTaskRouterEvent(params: WebhookParams, workspaceSid: string | undefined): ClassifiedEvent | null {
  const eventType = param(params, 'EventType', 100);
  if (!(TASKROUTER_EVENTS as readonly string[]).includes(eventType ?? '')) return null;
  const workspace = requireSid(param(params, 'WorkspaceSid', 34), 'WorkspaceSid', 'WS');
  if (workspaceSid && workspace !== workspaceSid) return null;
  const taskSid = requireSid(param(params, 'TaskSid', 34), 'TaskSid', 'WT');
  const attributes = parseAttributes(param(params, 'TaskAttributes'));
  const conversationSid = attributes.conversationSid;
  if (typeof conversationSid !== 'string' || !isSid(conversationSid, 'CH')) return null;
  switch (eventType) {
    case 'reservation.accepted': {
      const reservationSid = requireSid(param(params, 'ReservationSid', 34), 'ReservationSid', 'WR');
      const agentName = agentDisplayName(param(params, 'WorkerName', 256), param(params, 'WorkerAttributes'));
      // Flex puts the interaction's SIDs on the task: a Studio hand-off learns them here, so closing completes the task.
      const { flexInteractionSid: interactionSid, flexInteractionChannelSid: channelSid } = attributes;
      const refs = isSid(interactionSid as string, 'KD') && isSid(channelSid as string, 'UO') ? { interactionSid: interactionSid as string, channelSid: channelSid as string } : undefined;
      return { job: { type: 'agentJoined', conversationSid, agentName, ...(refs ? { platformRefs: refs } : {}) }, dedupeKey: `taskrouter:accepted:${reservationSid}` };
    }
    case 'reservation.wrapup':
    case 'task.completed':
      // The same key as the conversation's own "closed": whichever comes first, the chat closes once.
      return { job: { type: 'platformClosed', conversationSid }, dedupeKey: closedKey(conversationSid) };
    default:
      // workflow.timeout is followed by task.canceled for the same task: one job.
      return { job: { type: 'noAgent', conversationSid }, dedupeKey: `taskrouter:unassigned:${taskSid}` };
  }
}
