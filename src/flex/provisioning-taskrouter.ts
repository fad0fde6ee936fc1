import { Twilio } from 'twilio';
import { TASKROUTER_EVENTS } from './taskrouter-events';

/** The names a Flex account's TaskRouter objects have out of the box. */
export const FLEX_WORKSPACE_NAME = 'Flex Task Assignment';
export const FLEX_WORKFLOW_NAME = 'Assign to Anyone';

export interface Findings {
  log: (line: string) => void;
  /** Something missing or inconsistent; `--check` exits non-zero when there is any. */
  problem: (line: string) => void;
  /** An env line to set. */
  env: (name: string, value: string) => void;
}

const status = (error: unknown) => (error as { status?: number }).status;

/** The workspace: the configured SID, else Flex's default one by name. */
export async function findWorkspace(client: Twilio, sid: string | undefined, out: Findings) {
  if (sid) {
    try {
      return await client.taskrouter.v1.workspaces(sid).fetch();
    } catch (error) {
      if (status(error) === 404) return void out.problem(`TWILIO_WORKSPACE_SID=${sid} does not exist in this account`);
      throw error;
    }
  }
  const [found] = await client.taskrouter.v1.workspaces.list({ friendlyName: FLEX_WORKSPACE_NAME, limit: 1 });
  if (!found) return void out.problem(`No TaskRouter workspace named "${FLEX_WORKSPACE_NAME}": set TWILIO_WORKSPACE_SID`);
  out.env('TWILIO_WORKSPACE_SID', found.sid);
  return found;
}

/** The workflow and the task channel the Interactions use. */
export async function findRouting(client: Twilio, workspaceSid: string, settings: { workflowSid?: string; taskChannel: string }, out: Findings): Promise<{ taskChannelSid?: string }> {
  const workspace = client.taskrouter.v1.workspaces(workspaceSid);
  if (settings.workflowSid) {
    await workspace
      .workflows(settings.workflowSid)
      .fetch()
      .then((w) => out.log(`Workflow ${w.sid} "${w.friendlyName}"`))
      .catch((error: unknown) => {
        if (status(error) !== 404) throw error;
        out.problem(`TWILIO_WORKFLOW_SID=${settings.workflowSid} is not a workflow of ${workspaceSid}`);
      });
  } else {
    const [found] = await workspace.workflows.list({ friendlyName: FLEX_WORKFLOW_NAME, limit: 1 });
    if (found) out.env('TWILIO_WORKFLOW_SID', found.sid);
    else out.problem(`No workflow named "${FLEX_WORKFLOW_NAME}" in ${workspaceSid}: set TWILIO_WORKFLOW_SID`);
  }
  const channels = await workspace.taskChannels.list({ limit: 50 });
  const channel = channels.find((c) => c.uniqueName === settings.taskChannel || c.sid === settings.taskChannel);
  if (!channel) {
    out.problem(`Task channel "${settings.taskChannel}" does not exist in ${workspaceSid} (there are: ${channels.map((c) => c.uniqueName).join(', ')})`);
    return {};
  }
  out.log(`Task channel ${channel.sid} "${channel.uniqueName}"`);
  return { taskChannelSid: channel.sid };
}

/**
 * The workspace's event callback: our URL with the events the bridge handles. An empty callback
 * is set; a different URL is someone else's integration and replaced only with `force`.
 */
export async function ensureEventCallback(
  client: Twilio,
  workspace: { sid: string; eventCallbackUrl: string | null; eventsFilter: string | null },
  publicUrl: string,
  options: { force: boolean; check: boolean },
  out: Findings,
): Promise<void> {
  const url = `${publicUrl.replace(/\/$/, '')}/twilio/taskrouter-events`;
  const filter = TASKROUTER_EVENTS.join(',');
  const current = workspace.eventCallbackUrl || null;
  const sameFilter = (workspace.eventsFilter ?? '').split(',').map((e) => e.trim()).sort().join(',') === [...TASKROUTER_EVENTS].sort().join(',');
  if (current === url && sameFilter) return out.log(`Workspace event callback: ${url} (${filter})`);
  if (current && current !== url && !options.force) {
    return out.problem(`The workspace's event callback is ${current}, not ${url}: run with --force to replace it`);
  }
  if (options.check) {
    return out.problem(current === url ? `The workspace's EventsFilter is "${workspace.eventsFilter ?? ''}", not "${filter}"` : `The workspace has no event callback; it should be ${url}`);
  }
  await client.taskrouter.v1.workspaces(workspace.sid).update({ eventCallbackUrl: url, eventsFilter: filter });
  out.log(`Workspace event callback set to ${url} (${filter})`);
}
