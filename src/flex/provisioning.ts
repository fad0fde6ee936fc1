import { Twilio } from 'twilio';
import { ensureEventCallback, Findings, findRouting, findWorkspace } from './provisioning-taskrouter';
import { ProvisioningSettings } from './provisioning-settings';
import { provisionStudioFlow, STUDIO_FLOW_NAME, studioFlowDefinition } from './studio-flow';
import { createTwilioClient } from './twilio-client';

export { provisioningSettings } from './provisioning-settings';
export type { ProvisioningSettings } from './provisioning-settings';

export interface ProvisioningOptions {
  /** Report only: nothing is created or changed. */
  check?: boolean;
  /** Replace a workspace event callback that points elsewhere. */
  force?: boolean;
  log: (line: string) => void;
}

export interface ProvisioningReport {
  problems: string[];
  /** Env lines to set (SIDs found by their default names, the flow). */
  env: Record<string, string>;
  flowSid?: string;
}

/**
 * `npm run twilio:provision`: checks the credentials, finds the Flex workspace, workflow and task
 * channel (by Flex's default names when the SIDs are not set), sets the workspace's event callback
 * and filter, and in studio mode creates or updates the Studio flow. Idempotent; with `check` it
 * changes nothing and reports what is missing or inconsistent. Every call is in Twilio's OpenAPI
 * definitions (Conversations, TaskRouter, Studio).
 */
export async function runProvisioning(settings: ProvisioningSettings, options: ProvisioningOptions): Promise<ProvisioningReport> {
  const report: ProvisioningReport = { problems: [], env: {} };
  const out: Findings = {
    log: options.log,
    problem: (line) => {
      report.problems.push(line);
      options.log(`PROBLEM: ${line}`);
    },
    env: (name, value) => {
      report.env[name] = value;
    },
  };
  const publicUrl = settings.PUBLIC_URL!.replace(/\/$/, '');
  const client = createTwilioClient(settings);
  options.log(`Twilio account ${settings.TWILIO_ACCOUNT_SID}, authenticating with ${settings.TWILIO_API_KEY ? `API key ${settings.TWILIO_API_KEY}` : 'the auth token'}${options.check ? ' (check only)' : ''}`);
  if (!/^https:\/\//.test(publicUrl)) out.problem(`PUBLIC_URL ${publicUrl} is not https: Twilio's webhooks and callbacks need a public https URL`);

  await checkConversations(client, settings, publicUrl, out);
  const workspace = await findWorkspace(client, settings.TWILIO_WORKSPACE_SID, out);
  let taskChannelSid: string | undefined;
  if (workspace) {
    options.log(`Workspace ${workspace.sid} "${workspace.friendlyName}"`);
    taskChannelSid = (await findRouting(client, workspace.sid, { workflowSid: settings.TWILIO_WORKFLOW_SID, taskChannel: settings.TWILIO_TASK_CHANNEL }, out)).taskChannelSid;
    await ensureEventCallback(client, workspace, publicUrl, { force: !!options.force, check: !!options.check }, out);
  }
  const workflowSid = settings.TWILIO_WORKFLOW_SID ?? report.env.TWILIO_WORKFLOW_SID;
  if (settings.ROUTING_MODE === 'studio' && workflowSid) {
    report.flowSid = await studioFlow(client, { publicUrl, workflowSid, taskChannel: taskChannelSid ?? settings.TWILIO_TASK_CHANNEL }, settings, options, out);
  }

  if (Object.keys(report.env).length) {
    options.log('');
    options.log('Set these variables:');
    for (const [name, value] of Object.entries(report.env)) options.log(`  ${name}=${value}`);
  }
  options.log(report.problems.length ? `${report.problems.length} problem(s) found.` : 'Everything is in place.');
  return report;
}

/** Credentials (the first call fails with 401 otherwise), the default service, the global webhook. */
async function checkConversations(client: Twilio, settings: ProvisioningSettings, publicUrl: string, out: Findings): Promise<void> {
  let configuration;
  try {
    configuration = await client.conversations.v1.configuration().fetch();
  } catch (error) {
    if ((error as { status?: number }).status === 401) throw new Error('Twilio refused the credentials (HTTP 401): check TWILIO_ACCOUNT_SID and the API key or auth token');
    throw error;
  }
  out.log('Credentials accepted.');
  const service = settings.TWILIO_CONVERSATIONS_SERVICE_SID;
  if (service && configuration.defaultChatServiceSid && service !== configuration.defaultChatServiceSid) {
    out.problem(`TWILIO_CONVERSATIONS_SERVICE_SID=${service} is not the account's default Conversations service (${configuration.defaultChatServiceSid}), which Flex uses`);
  }
  const webhook = await client.conversations.v1.configuration.webhooks().fetch();
  const post = webhook.postWebhookUrl;
  if (post && /\/forward-to-discord$/.test(post) && post !== `${publicUrl}/forward-to-discord`) {
    out.problem(`The global Conversations webhook posts to ${post}, not ${publicUrl}/forward-to-discord`);
  }
}

/** Studio mode's flow: created or updated (check: compared with what it should be). */
async function studioFlow(
  client: Twilio,
  flowSettings: { publicUrl: string; workflowSid: string; taskChannel: string },
  settings: ProvisioningSettings,
  options: ProvisioningOptions,
  out: Findings,
): Promise<string | undefined> {
  const definition = studioFlowDefinition(flowSettings);
  if (options.check) {
    const existing = (await client.studio.v2.flows.list({ pageSize: 50 })).find((flow) => flow.friendlyName === STUDIO_FLOW_NAME);
    if (!existing) return void out.problem(`No Studio flow named "${STUDIO_FLOW_NAME}"`);
    const flow = await client.studio.v2.flows(existing.sid).fetch();
    if (!JSON.stringify(flow.definition).includes(`${flowSettings.publicUrl}/chatbot-to-discord`)) out.problem(`Studio flow ${flow.sid} does not call ${flowSettings.publicUrl}/chatbot-to-discord`);
    if (settings.TWILIO_STUDIO_FLOW_SID !== flow.sid) out.problem(`TWILIO_STUDIO_FLOW_SID should be ${flow.sid}`);
    return flow.sid;
  }
  const flow = await provisionStudioFlow(client, definition, options.log);
  options.log(`Studio flow ${flow.sid} ${flow.created ? 'created' : 'updated'} and published (revision ${flow.revision}).`);
  if (settings.TWILIO_STUDIO_FLOW_SID !== flow.sid) out.env('TWILIO_STUDIO_FLOW_SID', flow.sid);
  return flow.sid;
}
