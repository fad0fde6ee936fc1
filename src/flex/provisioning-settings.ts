import type { TwilioAccess } from './twilio-client';

/** What `npm run twilio:provision` reads: less than the app needs, since it finds the TaskRouter SIDs. */
export interface ProvisioningSettings extends TwilioAccess {
  PUBLIC_URL?: string;
  TWILIO_WORKSPACE_SID?: string;
  TWILIO_WORKFLOW_SID?: string;
  TWILIO_TASK_CHANNEL: string;
  TWILIO_CONVERSATIONS_SERVICE_SID?: string;
  TWILIO_STUDIO_FLOW_SID?: string;
  ROUTING_MODE: 'direct' | 'studio';
}

const PATTERNS: Partial<Record<keyof ProvisioningSettings, RegExp>> = {
  TWILIO_ACCOUNT_SID: /^AC[0-9a-fA-F]{32}$/,
  TWILIO_API_KEY: /^SK[0-9a-fA-F]{32}$/,
  TWILIO_WORKSPACE_SID: /^WS[0-9a-fA-F]{32}$/,
  TWILIO_WORKFLOW_SID: /^WW[0-9a-fA-F]{32}$/,
  TWILIO_CONVERSATIONS_SERVICE_SID: /^IS[0-9a-fA-F]{32}$/,
  TWILIO_STUDIO_FLOW_SID: /^FW[0-9a-fA-F]{32}$/,
  PUBLIC_URL: /^https?:\/\/[^\s/]+/,
  TWILIO_API_BASE_URL: /^https?:\/\/[^\s/]+/,
};

/** The settings from the environment; an Error naming every variable that is missing or malformed. */
export function provisioningSettings(env: Record<string, string | undefined>): ProvisioningSettings {
  const value = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const settings: ProvisioningSettings = {
    TWILIO_ACCOUNT_SID: value('TWILIO_ACCOUNT_SID'),
    TWILIO_AUTH_TOKEN: value('TWILIO_AUTH_TOKEN'),
    TWILIO_API_KEY: value('TWILIO_API_KEY'),
    TWILIO_API_SECRET: value('TWILIO_API_SECRET'),
    TWILIO_API_BASE_URL: value('TWILIO_API_BASE_URL'),
    PUBLIC_URL: value('PUBLIC_URL'),
    TWILIO_WORKSPACE_SID: value('TWILIO_WORKSPACE_SID'),
    TWILIO_WORKFLOW_SID: value('TWILIO_WORKFLOW_SID'),
    TWILIO_TASK_CHANNEL: value('TWILIO_TASK_CHANNEL') ?? 'chat',
    TWILIO_CONVERSATIONS_SERVICE_SID: value('TWILIO_CONVERSATIONS_SERVICE_SID'),
    TWILIO_STUDIO_FLOW_SID: value('TWILIO_STUDIO_FLOW_SID'),
    ROUTING_MODE: value('ROUTING_MODE') === 'studio' ? 'studio' : 'direct',
  };
  const problems: string[] = [];
  if (!settings.TWILIO_ACCOUNT_SID) problems.push('TWILIO_ACCOUNT_SID is required');
  if (!settings.PUBLIC_URL) problems.push('PUBLIC_URL is required: the workspace callback and the webhooks point there');
  if (!settings.TWILIO_AUTH_TOKEN && !(settings.TWILIO_API_KEY && settings.TWILIO_API_SECRET)) problems.push('set TWILIO_API_KEY + TWILIO_API_SECRET or TWILIO_AUTH_TOKEN');
  for (const [name, pattern] of Object.entries(PATTERNS)) {
    const given = settings[name as keyof ProvisioningSettings];
    if (given && !pattern!.test(given)) problems.push(`${name} is malformed`);
  }
  if (problems.length) throw new Error(`Cannot provision: ${problems.join('; ')} (see docs/flex.md)`);
  return settings;
}
