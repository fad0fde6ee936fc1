import { ConfigValidationError, isTwilioEnabled, loadConfig } from '../../src/config/app-config';

const sid = (prefix: string) => `${prefix}${'0123456789abcdef'.repeat(2)}`;
const FLEX = {
  TWILIO_ACCOUNT_SID: sid('AC'),
  TWILIO_API_KEY: sid('SK'),
  TWILIO_API_SECRET: 'api-secret-value',
  TWILIO_AUTH_TOKEN: '0123456789abcdef0123456789abcdef',
  TWILIO_WORKSPACE_SID: sid('WS'),
  TWILIO_WORKFLOW_SID: sid('WW'),
  PUBLIC_URL: 'https://bridge.example.com',
};

/** What main.ts prints when the configuration is refused at boot. */
function bootError(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('Twilio configuration, checked at boot', () => {
  it('runs without Twilio: Flex off, direct routing', () => {
    const config = loadConfig({});
    expect(isTwilioEnabled(config)).toBe(false);
    expect(config.ROUTING_MODE).toBe('direct');
    expect(config.TWILIO_TASK_CHANNEL).toBe('chat');
  });

  it('turns Flex on with the account, a credential and the routing SIDs', () => {
    expect(isTwilioEnabled(loadConfig(FLEX))).toBe(true);
    expect(isTwilioEnabled(loadConfig({ ...FLEX, TWILIO_API_KEY: undefined, TWILIO_API_SECRET: undefined }))).toBe(true);
  });

  it('requires TWILIO_AUTH_TOKEN with Flex even when an API key is set: it verifies webhook signatures', () => {
    const message = bootError({ ...FLEX, TWILIO_AUTH_TOKEN: undefined });
    expect(message).toMatch(/^\s+TWILIO_AUTH_TOKEN=null: .*verifies the signature/m);
  });

  it('requires PUBLIC_URL with Flex', () => {
    expect(bootError({ ...FLEX, PUBLIC_URL: undefined })).toMatch(/^\s+PUBLIC_URL=null: PUBLIC_URL is required when Twilio is configured/m);
    expect(bootError({ ...FLEX, PUBLIC_URL: 'bridge.example.com' })).toMatch(/^\s+PUBLIC_URL="bridge.example.com": .*absolute/m);
  });

  it('names every missing or malformed Twilio variable', () => {
    const message = bootError({ TWILIO_ACCOUNT_SID: 'AC123', TWILIO_API_KEY: sid('SK') });
    for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_API_SECRET', 'TWILIO_AUTH_TOKEN', 'TWILIO_WORKSPACE_SID', 'TWILIO_WORKFLOW_SID', 'PUBLIC_URL']) {
      expect(message).toContain(`  ${name}=`);
    }
    expect(bootError({ TWILIO_AUTH_TOKEN: FLEX.TWILIO_AUTH_TOKEN })).toContain('TWILIO_ACCOUNT_SID=null: TWILIO_ACCOUNT_SID is required');
  });

  it('requires the Studio flow in studio mode, and Twilio with it', () => {
    expect(bootError({ ...FLEX, ROUTING_MODE: 'studio' })).toMatch(/TWILIO_STUDIO_FLOW_SID=null: .*npm run twilio:provision/);
    expect(bootError({ ROUTING_MODE: 'studio' })).toContain('TWILIO_ACCOUNT_SID=null');
    expect(bootError({ ROUTING_MODE: 'bots' })).toContain('ROUTING_MODE="bots"');
    expect(loadConfig({ ...FLEX, ROUTING_MODE: 'studio', TWILIO_STUDIO_FLOW_SID: sid('FW') }).ROUTING_MODE).toBe('studio');
  });
});
