import { Twilio } from 'twilio';
import template from '../../flex/studio-flow.json';

/** The flow `npm run twilio:provision` keeps up to date, found again by this name. */
export const STUDIO_FLOW_NAME = 'Discord support bridge';

export interface StudioFlowSettings {
  publicUrl: string;
  workflowSid: string;
  /** The Send to Flex widget's task channel: its SID (TC...) as Studio stores it, or the unique name. */
  taskChannel: string;
}

/** flex/studio-flow.json with its ${...} placeholders filled in. */
export function studioFlowDefinition(settings: StudioFlowSettings): Record<string, unknown> {
  const values: Record<string, string> = {
    PUBLIC_URL: settings.publicUrl.replace(/\/$/, ''),
    TWILIO_WORKFLOW_SID: settings.workflowSid,
    TASK_CHANNEL: settings.taskChannel,
  };
  const text = JSON.stringify(template).replace(/\$\{(PUBLIC_URL|TWILIO_WORKFLOW_SID|TASK_CHANNEL)\}/g, (_, name: string) => values[name]);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Creates the Studio flow, or updates it in place when one with the same name exists, so running
 * the provisioning again is safe. Published right away: conversation webhooks use the published revision.
 */
export async function provisionStudioFlow(
  client: Twilio,
  definition: Record<string, unknown>,
  log: (line: string) => void = () => undefined,
): Promise<{ sid: string; created: boolean; revision: number }> {
  log(`Looking for a Studio flow named "${STUDIO_FLOW_NAME}"...`);
  const existing = (await client.studio.v2.flows.list({ pageSize: 50 })).find((flow) => flow.friendlyName === STUDIO_FLOW_NAME);
  if (existing) {
    log(`Updating ${existing.sid} (revision ${existing.revision})...`);
    const updated = await client.studio.v2.flows(existing.sid).update({ status: 'published', definition, commitMessage: 'npm run twilio:provision' });
    return { sid: updated.sid, created: false, revision: updated.revision };
  }
  log('Creating it...');
  const created = await client.studio.v2.flows.create({ friendlyName: STUDIO_FLOW_NAME, status: 'published', definition, commitMessage: 'npm run twilio:provision' });
  return { sid: created.sid, created: true, revision: created.revision };
}
