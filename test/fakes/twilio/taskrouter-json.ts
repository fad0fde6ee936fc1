import { twilioDate } from './resources';
import type { FakeTask, FakeWorkspace } from './fake-taskrouter';

const BASE = 'https://taskrouter.twilio.com/v1';

// Response bodies shaped like TaskRouter's (fields of the OpenAPI schemas taskrouter.v1.*).

export function workspaceJson(accountSid: string, w: FakeWorkspace) {
  const url = `${BASE}/Workspaces/${w.sid}`;
  return {
    account_sid: accountSid,
    date_created: twilioDate(w.created),
    date_updated: twilioDate(w.created),
    default_activity_name: 'Offline',
    default_activity_sid: w.defaultActivitySid,
    event_callback_url: w.eventCallbackUrl,
    events_filter: w.eventsFilter,
    friendly_name: w.friendlyName,
    multi_task_enabled: true,
    sid: w.sid,
    timeout_activity_name: 'Offline',
    timeout_activity_sid: w.defaultActivitySid,
    prioritize_queue_order: 'FIFO',
    url,
    links: { tasks: `${url}/Tasks`, workflows: `${url}/Workflows`, task_channels: `${url}/TaskChannels` },
  };
}

export function workflowJson(accountSid: string, w: FakeWorkspace) {
  const url = `${BASE}/Workspaces/${w.sid}/Workflows/${w.workflow.sid}`;
  return {
    account_sid: accountSid,
    assignment_callback_url: null,
    configuration: JSON.stringify({ task_routing: { filters: [], default_filter: { queue: w.queueSid } } }),
    date_created: twilioDate(w.created),
    date_updated: twilioDate(w.created),
    document_content_type: 'application/json',
    fallback_assignment_callback_url: null,
    friendly_name: w.workflow.friendlyName,
    sid: w.workflow.sid,
    task_reservation_timeout: 120,
    workspace_sid: w.sid,
    url,
    links: {},
  };
}

export function taskChannelJson(accountSid: string, w: FakeWorkspace, c: { sid: string; uniqueName: string; friendlyName: string }) {
  return {
    account_sid: accountSid,
    date_created: twilioDate(w.created),
    date_updated: twilioDate(w.created),
    friendly_name: c.friendlyName,
    sid: c.sid,
    unique_name: c.uniqueName,
    workspace_sid: w.sid,
    channel_optimized_routing: null,
    url: `${BASE}/Workspaces/${w.sid}/TaskChannels/${c.sid}`,
    links: {},
  };
}

export function taskJson(accountSid: string, w: FakeWorkspace, t: FakeTask) {
  return {
    account_sid: accountSid,
    age: Math.floor((Date.now() - t.created.getTime()) / 1000),
    assignment_status: t.assignmentStatus,
    attributes: t.attributes,
    addons: '{}',
    date_created: twilioDate(t.created),
    date_updated: twilioDate(t.updated),
    task_queue_entered_date: twilioDate(t.created),
    priority: 0,
    reason: t.reason,
    sid: t.sid,
    task_queue_sid: w.queueSid,
    task_queue_friendly_name: 'Everyone',
    task_channel_sid: t.taskChannel.sid,
    task_channel_unique_name: t.taskChannel.uniqueName,
    timeout: 86400,
    workflow_sid: w.workflow.sid,
    workflow_friendly_name: w.workflow.friendlyName,
    workspace_sid: w.sid,
    url: `${BASE}/Workspaces/${w.sid}/Tasks/${t.sid}`,
    links: {},
    virtual_start_time: twilioDate(t.created),
    ignore_capacity: false,
    routing_target: null,
  };
}
