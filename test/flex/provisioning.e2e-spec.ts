import { provisioningSettings, runProvisioning } from '../../src/flex/provisioning';
import { TASKROUTER_EVENTS } from '../../src/flex/taskrouter-events';
import { FakeTwilio } from '../fakes/twilio/fake-twilio';
import { startTestTwilio } from '../utils/test-twilio';

const PUBLIC_URL = 'https://bridge.example.test';
const CALLBACK = `${PUBLIC_URL}/twilio/taskrouter-events`;

/** `npm run twilio:provision` through twilio-node against the fake Twilio (every call checked against the definitions). */
describe('npm run twilio:provision: TaskRouter, callback, checks', () => {
  let fake: FakeTwilio;
  let env: Record<string, string>;

  beforeEach(async () => {
    const twilio = await startTestTwilio();
    fake = twilio.fake;
    // A fresh Flex account: nothing set up yet, SIDs unknown to the operator.
    fake.taskRouter.workspace.eventCallbackUrl = null;
    fake.taskRouter.workspace.eventsFilter = null;
    env = { ...twilio.env };
    delete env.TWILIO_WORKSPACE_SID;
    delete env.TWILIO_WORKFLOW_SID;
  });
  afterEach(() => fake.stop());

  const run = async (extra: Record<string, string> = {}, options: { check?: boolean; force?: boolean } = {}) => {
    const lines: string[] = [];
    const report = await runProvisioning(provisioningSettings({ ...env, ...extra }), { ...options, log: (line) => lines.push(line) });
    return { report, lines };
  };

  it('finds the workspace and workflow by their default names, prints the env lines and sets the event callback, once', async () => {
    const { report, lines } = await run();

    expect(report.problems).toEqual([]);
    expect(report.env).toEqual({ TWILIO_WORKSPACE_SID: fake.workspaceSid, TWILIO_WORKFLOW_SID: fake.workflowSid });
    expect(lines).toContain(`  TWILIO_WORKSPACE_SID=${fake.workspaceSid}`);
    expect(fake.taskRouter.workspace).toMatchObject({ eventCallbackUrl: CALLBACK, eventsFilter: TASKROUTER_EVENTS.join(',') });
    expect(fake.calls('GET /v1/Workspaces')[0].query).toMatchObject({ FriendlyName: 'Flex Task Assignment' });

    const again = await run({ TWILIO_WORKSPACE_SID: fake.workspaceSid, TWILIO_WORKFLOW_SID: fake.workflowSid });
    expect(again.report).toEqual({ problems: [], env: {} });
    expect(fake.calls('POST /v1/Workspaces/{Sid}')).toHaveLength(1);
    expect(fake.requests.every((r) => r.status < 400)).toBe(true);
  });

  it('refuses to replace another integration’s callback unless --force', async () => {
    fake.taskRouter.workspace.eventCallbackUrl = 'https://other.example/events';

    const refused = await run();
    expect(refused.report.problems).toEqual([expect.stringContaining('run with --force')]);
    expect(fake.taskRouter.workspace.eventCallbackUrl).toBe('https://other.example/events');

    const forced = await run({}, { force: true });
    expect(forced.report.problems).toEqual([]);
    expect(fake.taskRouter.workspace.eventCallbackUrl).toBe(CALLBACK);
  });

  it('--check changes nothing and reports everything missing or inconsistent', async () => {
    fake.globalWebhook.url = 'https://old-host.example/forward-to-discord';
    const before = fake.requests.length;

    const { report } = await run({ ROUTING_MODE: 'studio', TWILIO_TASK_CHANNEL: 'sms', TWILIO_CONVERSATIONS_SERVICE_SID: `IS${'7'.repeat(32)}` }, { check: true });

    expect(fake.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    expect(report.problems).toEqual([
      expect.stringContaining("not the account's default Conversations service"),
      expect.stringContaining('global Conversations webhook posts to https://old-host.example/forward-to-discord'),
      expect.stringContaining('Task channel "sms" does not exist'),
      expect.stringContaining('no event callback'),
      expect.stringContaining('No Studio flow named'),
    ]);
  });

  it('says which credentials Twilio refused', async () => {
    await expect(run({ TWILIO_API_SECRET: 'wrong-secret' })).rejects.toThrow(/refused the credentials \(HTTP 401\)/);
    expect(() => provisioningSettings({ TWILIO_ACCOUNT_SID: 'AC1' })).toThrow(/PUBLIC_URL is required.*TWILIO_ACCOUNT_SID is malformed/);
  });
});
