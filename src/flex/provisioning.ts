import { AppConfig, isTwilioEnabled } from '../config/app-config';
import { createTwilioClient } from './twilio-client';
import { provisionStudioFlow, studioFlowDefinition } from './studio-flow';

/**
 * What `npm run twilio:provision` does: creates or updates the Studio flow from the configured
 * credentials and PUBLIC_URL, and tells which variables to set. Returns the flow SID.
 */
export async function runProvisioning(config: AppConfig, options: { taskChannelSid?: string; log: (line: string) => void }): Promise<string> {
  const { log } = options;
  if (!isTwilioEnabled(config) || !config.PUBLIC_URL || !config.TWILIO_WORKFLOW_SID) {
    throw new Error('Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN (and/or TWILIO_API_KEY + TWILIO_API_SECRET), TWILIO_WORKSPACE_SID, TWILIO_WORKFLOW_SID and PUBLIC_URL first (see docs/flex.md)');
  }
  const client = createTwilioClient(config);
  const taskChannel = options.taskChannelSid ?? config.TWILIO_TASK_CHANNEL;
  log(`Twilio account ${config.TWILIO_ACCOUNT_SID}, authenticating with ${config.TWILIO_API_KEY ? `API key ${config.TWILIO_API_KEY}` : 'the auth token'}`);
  const definition = studioFlowDefinition({ publicUrl: config.PUBLIC_URL, workflowSid: config.TWILIO_WORKFLOW_SID, taskChannel });
  const flow = await provisionStudioFlow(client, definition, log);
  log(`Studio flow ${flow.sid} ${flow.created ? 'created' : 'updated'} and published (revision ${flow.revision}).`);
  log(`  Chats in agent mode go to workflow ${config.TWILIO_WORKFLOW_SID} on task channel ${taskChannel};`);
  log(`  other player messages to ${config.PUBLIC_URL.replace(/\/$/, '')}/chatbot-to-discord.`);
  log('');
  log('To route every Discord DM through the flow, set:');
  log('  ROUTING_MODE=studio');
  log(`  TWILIO_STUDIO_FLOW_SID=${flow.sid}`);
  return flow.sid;
}
