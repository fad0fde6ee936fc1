import { TASKROUTER_EVENTS } from '../../src/flex/taskrouter-events';
import { FakeTwilio } from '../fakes/twilio/fake-twilio';
import type { TestApp } from './test-app';

export interface TestTwilio {
  fake: FakeTwilio;
  /** Configuration that turns Flex on against the fake; pass to createTestApp. */
  env: Record<string, string>;
  /** Delivers the fake's webhooks to this app through Fastify inject (no listening socket needed). */
  connect(app: TestApp): void;
  stop(): Promise<void>;
}

/** Where Twilio believes the app lives; webhooks are signed for URLs under it. */
export const TEST_PUBLIC_URL = 'https://bridge.example.test';

/**
 * Starts a fake Twilio and returns the env for createTestApp, e.g.
 *   const twilio = await startTestTwilio();
 *   const app = await createTestApp({ ...twilio.env });
 *   twilio.connect(app);
 *   await twilio.fake.acceptTask(conversationSid);            // TaskRouter: reservation.accepted
 *   await twilio.fake.agentMessage(conversationSid, 'Hi, I am Alice');
 */
export async function startTestTwilio(options: { mode?: 'direct' | 'studio'; auth?: 'apiKey' | 'authToken' } = {}): Promise<TestTwilio> {
  const fake = await new FakeTwilio().start();
  const env: Record<string, string> = {
    TWILIO_ACCOUNT_SID: fake.accountSid,
    TWILIO_AUTH_TOKEN: fake.authToken,
    ...(options.auth === 'authToken' ? {} : { TWILIO_API_KEY: fake.apiKey, TWILIO_API_SECRET: fake.apiSecret }),
    TWILIO_WORKSPACE_SID: fake.workspaceSid,
    TWILIO_WORKFLOW_SID: fake.workflowSid,
    TWILIO_TASK_CHANNEL: 'chat',
    TWILIO_API_BASE_URL: fake.url,
    PUBLIC_URL: TEST_PUBLIC_URL,
    ROUTING_MODE: options.mode ?? 'direct',
  };
  // As if `npm run twilio:provision` had set the workspace's event callback.
  fake.taskRouter.workspace.eventCallbackUrl = `${TEST_PUBLIC_URL}/twilio/taskrouter-events`;
  fake.taskRouter.workspace.eventsFilter = TASKROUTER_EVENTS.join(',');
  if (options.mode === 'studio') {
    // As if `npm run twilio:provision` had run.
    const flowSid = `FW${'0'.repeat(31)}1`;
    fake.flows.set(flowSid, { sid: flowSid, friendlyName: 'Discord support bridge', status: 'published', definition: {}, commitMessage: null, revision: 1, created: new Date(), updated: new Date() });
    env.TWILIO_STUDIO_FLOW_SID = flowSid;
  }
  return {
    fake,
    env,
    connect: (app) =>
      fake.useTransport(async ({ url, headers, body }) => {
        const target = new URL(url);
        const response = await app.request({ method: 'POST', url: `${target.pathname}${target.search}`, headers, payload: body });
        return { status: response.statusCode, body: response.body };
      }),
    stop: () => fake.stop(),
  };
}
