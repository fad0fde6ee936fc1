import { ChatRef } from '../../src/conversations/ports';
import { FlexAgentPlatform } from '../../src/flex/flex-agent.platform';
import { provisioningSettings, runProvisioning } from '../../src/flex/provisioning';
import { STUDIO_FLOW_NAME } from '../../src/flex/studio-flow';
import { FakeTwilio } from '../fakes/twilio/fake-twilio';
import { startTestTwilio } from '../utils/test-twilio';
import { createFlexTestApp, FlexTestApp } from './flex-test-app';

const PUBLIC_URL = 'https://bridge.example.test';
const json = (value: string | string[] | undefined) => JSON.parse(String(value));

interface State {
  name: string;
  type: string;
  transitions: { event: string; next?: string; conditions?: { arguments: string[]; type: string; value: string }[] }[];
  properties: Record<string, unknown>;
}

describe('npm run twilio:provision (Studio flow for ROUTING_MODE=studio)', () => {
  let fake: FakeTwilio;
  let env: Record<string, string>;

  beforeAll(async () => {
    const twilio = await startTestTwilio();
    fake = twilio.fake;
    env = twilio.env;
  });

  afterAll(async () => {
    await fake.stop();
  });

  it('creates the flow, then updates the same flow when run again', async () => {
    const settings = provisioningSettings({ ...env, ROUTING_MODE: 'studio' });
    const lines: string[] = [];

    const first = await runProvisioning(settings, { log: (line) => lines.push(line) });
    const second = await runProvisioning(settings, { log: (line) => lines.push(line) });

    expect(second.flowSid).toBe(first.flowSid);
    expect(fake.calls('POST /v2/Flows')).toHaveLength(1);
    expect(fake.calls('POST /v2/Flows/{Sid}')).toHaveLength(1);
    expect(fake.flows.size).toBe(1);
    const flow = fake.flows.get(first.flowSid!)!;
    expect(flow).toMatchObject({ friendlyName: STUDIO_FLOW_NAME, status: 'published', revision: 2 });
    expect(fake.calls('POST /v2/Flows')[0].params).toMatchObject({ FriendlyName: STUDIO_FLOW_NAME, Status: 'published' });
    expect(lines).toContain(`  TWILIO_STUDIO_FLOW_SID=${first.flowSid}`);
    expect(lines.filter((l) => /created and published/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /updated and published \(revision 2\)/.test(l))).toHaveLength(1);
    const chatChannel = fake.taskRouter.workspace.taskChannels.find((c) => c.uniqueName === 'chat')!;

    // The flow routes conversation messages on the conversation's `mode` attribute.
    const definition = json(fake.calls('POST /v2/Flows')[0].params.Definition) as { initial_state: string; states: State[] };
    expect(JSON.stringify(definition)).not.toMatch(/\$\{[A-Z_]+\}/);
    const byName = new Map(definition.states.map((s) => [s.name, s]));
    for (const state of definition.states) for (const t of state.transitions) if (t.next) expect(byName.has(t.next)).toBe(true);
    const trigger = byName.get(definition.initial_state)!;
    const split = byName.get(trigger.transitions.find((t) => t.event === 'incomingConversationMessage')!.next!)!;
    expect(split.type).toBe('split-based-on');
    const agent = split.transitions.find((t) => t.event === 'match')!;
    expect(agent.conditions).toEqual([expect.objectContaining({ arguments: ['{{trigger.conversation.ChannelAttributes.mode}}'], type: 'equal_to', value: 'AGENT' })]);
    const toFlex = byName.get(agent.next!)!;
    expect(toFlex.type).toBe('send-to-flex');
    expect(toFlex.properties).toMatchObject({ workflow: fake.workflowSid, channel: chatChannel.sid });
    const toBot = byName.get(split.transitions.find((t) => t.event === 'noMatch')!.next!)!;
    expect(toBot.type).toBe('make-http-request');
    expect(toBot.properties).toMatchObject({
      method: 'POST',
      url: `${PUBLIC_URL}/chatbot-to-discord`,
      parameters: [
        { key: 'ConversationSid', value: '{{trigger.conversation.ConversationSid}}' },
        { key: 'MessageSid', value: '{{trigger.conversation.MessageSid}}' },
        { key: 'Body', value: '{{trigger.conversation.Body}}' },
      ],
    });
  });
});

describe('FlexAgentPlatform in studio mode', () => {
  let app: FlexTestApp;
  let platform: FlexAgentPlatform;
  const chat: ChatRef = {
    conversationId: '1f0e9d8c-7b6a-4c5d-9e8f-0a1b2c3d4e5f',
    player: { id: '321111111111111111', displayName: 'Brock', channelId: '421111111111111111' },
    locale: 'es',
    caseNumber: null,
    platformKey: null,
    platformRefs: {},
  };

  beforeAll(async () => {
    app = await createFlexTestApp({ mode: 'studio' });
    platform = app.app.get(FlexAgentPlatform);
  });

  afterAll(async () => {
    await app.close();
  });

  it('sends every player message through the flow, and hands off by switching the conversation to agent mode', async () => {
    const { fake } = app;
    const flowSid = app.config.TWILIO_STUDIO_FLOW_SID!;

    // The first DM opens the Twilio conversation, with our webhook and the Studio flow on it.
    const relayed = await platform.relayPlayerMessage(chat, { id: '1', playerMessageId: '521111111111111111', body: '¿cómo intercambio?', media: [], maybeSent: false });
    const conversationSid = relayed.platformKey!;
    expect(conversationSid).toMatch(/^CH[0-9a-f]{32}$/);
    expect(json(fake.calls('POST /v1/Conversations')[0].params.Attributes)).toMatchObject({ mode: 'BOT', locale: 'es', caseNumber: null });
    expect(fake.calls('POST /v1/Conversations/{ConversationSid}/Webhooks').map((w) => w.params)).toEqual([
      expect.objectContaining({ Target: 'webhook', 'Configuration.Url': `${PUBLIC_URL}/forward-to-discord` }),
      { Target: 'studio', 'Configuration.FlowSid': flowSid },
    ]);
    expect(fake.studioTriggers).toEqual([{ flowSid, conversationSid, messageSid: relayed.platformMessageId, body: '¿cómo intercambio?' }]);

    // A bot turn mirrored into the conversation does not run the flow again.
    const ref = { ...chat, platformKey: conversationSid };
    await platform.mirror(ref, { author: 'BOT', authorName: 'bot', body: 'Prueba estos artículos', at: new Date() });
    expect(fake.studioTriggers).toHaveLength(1);

    // Hand-off: mode=AGENT on the conversation, and one message for the flow to route to Flex.
    fake.requests.length = 0;
    const result = await platform.handOff({ ...ref, caseNumber: 9, transcript: [{ author: 'PLAYER', authorName: 'Brock', body: '¿cómo intercambio?', at: new Date() }] });

    expect(result).toEqual({ platformKey: conversationSid, platformRefs: { studioDetached: 'true' } });
    expect(fake.calls('POST /v1/Interactions')).toHaveLength(0);
    expect(fake.calls('POST /v1/Conversations')).toHaveLength(0);
    expect(JSON.parse(fake.conversationOrThrow(conversationSid).attributes)).toMatchObject({ mode: 'AGENT', caseNumber: 9, caseUrl: `${PUBLIC_URL}/api/cases/9` });
    expect(fake.studioTriggers.map((t) => t.body)).toEqual(['¿cómo intercambio?', `The player asked for a live agent. Case #9: ${PUBLIC_URL}/api/cases/9`]);
    // The flow's Send to Flex made the task; then the Studio webhook is removed (ours stays).
    expect(fake.calls('DELETE /v1/Conversations/{ConversationSid}/Webhooks/{Sid}')).toHaveLength(1);
    expect(fake.conversationOrThrow(conversationSid).webhooks.map((w) => w.target)).toEqual(['webhook']);
    expect(fake.taskFor(conversationSid).assignmentStatus).toBe('pending');

    // After the hand-off: neither the agent's reply nor the player's next message starts a flow execution.
    const after = { ...ref, caseNumber: 9, platformRefs: result.platformRefs! };
    await fake.acceptTask(conversationSid);
    await fake.agentMessage(conversationSid, 'Hola Brock');
    const next = await platform.relayPlayerMessage(after, { id: '2', playerMessageId: '521111111111111112', body: 'gracias', media: [], maybeSent: false });
    expect(next.platformMessageId).toMatch(/^IM/);
    expect(fake.calls('POST /v1/Conversations/{ConversationSid}/Messages').at(-1)!.headers['x-twilio-webhook-enabled']).toBeUndefined();
    expect(fake.studioTriggers).toHaveLength(2);
    expect([...fake.taskRouter.tasks.values()]).toHaveLength(1);

    await platform.close(after);
    expect(fake.conversationOrThrow(conversationSid).state).toBe('closed');
  });
});
