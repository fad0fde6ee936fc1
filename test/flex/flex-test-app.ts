import { AgentPlatformEvents } from '../../src/conversations/ports';
import { FlexModule } from '../../src/flex/flex.module';
import { FakeTwilio } from '../fakes/twilio/fake-twilio';
import { createTestApp, TestApp } from '../utils/test-app';
import { startTestTwilio } from '../utils/test-twilio';
import { RecordingAgentPlatformEvents } from './recording-events';

export interface FlexTestApp extends TestApp {
  fake: FakeTwilio;
  events: RecordingAgentPlatformEvents;
}

/**
 * The real app with Flex on against the fake Twilio, and a recording AgentPlatformEvents in place
 * of the routing core (whose own e2e covers the whole story).
 */
export async function createFlexTestApp(options: { mode?: 'direct' | 'studio'; auth?: 'apiKey' | 'authToken'; env?: Record<string, string> } = {}): Promise<FlexTestApp> {
  const twilio = await startTestTwilio({ mode: options.mode, auth: options.auth });
  const events = new RecordingAgentPlatformEvents();
  const app = await createTestApp(
    { ...twilio.env, ...options.env },
    { imports: (config) => [FlexModule.forRoot(config)], overrides: [{ provide: AgentPlatformEvents, useValue: events }] },
  );
  twilio.connect(app);
  return {
    ...app,
    fake: twilio.fake,
    events,
    close: async () => {
      await twilio.stop();
      await app.close();
    },
  };
}
