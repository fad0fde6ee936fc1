import { loadConfig } from '../../src/config/app-config';
import { createTwilioClient } from '../../src/flex/twilio-client';
import { FakeTwilio } from '../fakes/twilio/fake-twilio';
import { SPEC_ROUTES } from '../fakes/twilio/spec-routes';
import { startTestTwilio } from '../utils/test-twilio';

/** The fake must refuse what real Twilio would, or tests against it would prove nothing. */
describe('the fake Twilio', () => {
  let fake: FakeTwilio;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ fake, env } = await startTestTwilio());
  });

  afterAll(async () => {
    await fake.stop();
  });

  const client = (overrides: Record<string, string | undefined> = {}) => createTwilioClient(loadConfig({ ...env, ...overrides }));

  it('serves only routes from Twilio’s OpenAPI definitions', () => {
    expect(SPEC_ROUTES.map((r) => `${r.method} ${r.host}${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST conversations.twilio.com/v1/Conversations',
        'POST conversations.twilio.com/v1/Conversations/{ConversationSid}/Webhooks',
        'POST flex-api.twilio.com/v1/Interactions',
        'POST flex-api.twilio.com/v1/Interactions/{InteractionSid}/Channels/{Sid}',
        'POST studio.twilio.com/v2/Flows',
      ]),
    );
  });

  it('refuses parameters the API does not define, values outside an enum, and missing required ones', async () => {
    const twilio = client();
    const conversation = await twilio.conversations.v1.conversations.create({ friendlyName: 'x' });

    await expect(
      twilio.request({ method: 'post', uri: 'https://conversations.twilio.com/v1/Conversations', data: { FriendlyName: 'x', Timer: 'PT1H' } }),
    ).resolves.toMatchObject({ statusCode: 400, body: expect.objectContaining({ message: expect.stringContaining('unknown parameter Timer') }) });
    await expect(
      twilio.conversations.v1.conversations(conversation.sid).webhooks.create({ target: 'webhook', 'configuration.url': 'https://x.test', 'configuration.method': 'POST' as 'post' }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Configuration.Method=POST is not one of get, post') });
    await expect(
      twilio.request({ method: 'post', uri: `https://flex-api.twilio.com/v1/Interactions/KD${'0'.repeat(32)}/Channels/UO${'0'.repeat(32)}`, data: {} }),
    ).resolves.toMatchObject({ statusCode: 400, body: expect.objectContaining({ message: expect.stringContaining('missing required parameter Status') }) });
  });

  it('requires the account’s credentials', async () => {
    await expect(client({ TWILIO_API_SECRET: 'wrong-secret' }).conversations.v1.conversations.create({})).rejects.toMatchObject({ status: 401 });
    await expect(client({ TWILIO_API_KEY: undefined, TWILIO_API_SECRET: undefined }).conversations.v1.conversations.create({})).resolves.toMatchObject({
      sid: expect.stringMatching(/^CH[0-9a-f]{32}$/),
    });
  });

  it('can fail a route on demand, then answers normally', async () => {
    fake.fail('POST /v1/Conversations', 503, 2);
    const twilio = client();
    await expect(twilio.conversations.v1.conversations.create({})).rejects.toMatchObject({ status: 503 });
    await expect(twilio.conversations.v1.conversations.create({})).rejects.toMatchObject({ status: 503 });
    await expect(twilio.conversations.v1.conversations.create({})).resolves.toMatchObject({ state: 'active' });
  });

  it('fires conversation webhooks only for SDK actions and REST calls with X-Twilio-Webhook-Enabled, never for a Twilio-added participant or close', async () => {
    const twilio = client();
    const conversation = await twilio.conversations.v1.conversations.create({});
    const scoped = twilio.conversations.v1.conversations(conversation.sid);
    const url = 'https://bridge.example.test/forward-to-discord';
    fake.useTransport(async () => ({ status: 200, body: '' })); // no app here: every webhook is answered 200
    await scoped.webhooks.create({ target: 'webhook', 'configuration.url': url, 'configuration.filters': ['onMessageAdded', 'onParticipantAdded', 'onConversationStateUpdated'] });
    const events = () => fake.deliveries.filter((d) => d.params.ConversationSid === conversation.sid).map((d) => `${d.params.EventType}/${d.params.Source}`);

    await scoped.participants.create({ identity: 'agent@example.com' });
    await scoped.messages.create({ author: 'bot', body: 'quiet' });
    await scoped.update({ state: 'closed' });
    await fake.settle();
    expect(events()).toEqual([]);

    await scoped.update({ state: 'active', xTwilioWebhookEnabled: 'true' });
    await scoped.participants.create({ identity: 'other@example.com', xTwilioWebhookEnabled: 'true' });
    await scoped.messages.create({ author: 'bot', body: 'loud', xTwilioWebhookEnabled: 'true' });
    await fake.settle();
    await fake.agentMessage(conversation.sid, 'from the Flex UI');
    expect(events()).toEqual(['onConversationStateUpdated/API', 'onParticipantAdded/API', 'onMessageAdded/API', 'onMessageAdded/SDK']);
  });

  it('refuses Twilio headers a route does not define', async () => {
    await expect(
      client().request({ method: 'get', uri: `https://taskrouter.twilio.com/v1/Workspaces/${fake.workspaceSid}`, headers: { 'X-Twilio-Webhook-Enabled': 'true' } }),
    ).resolves.toMatchObject({ statusCode: 400, body: expect.objectContaining({ message: expect.stringContaining('header x-twilio-webhook-enabled is not defined') }) });
  });
});
