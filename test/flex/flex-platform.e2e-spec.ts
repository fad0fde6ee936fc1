import { HandOff } from '../../src/conversations/ports';
import { FlexAgentPlatform } from '../../src/flex/flex-agent.platform';
import { createFlexTestApp, FlexTestApp } from './flex-test-app';

const PUBLIC_URL = 'https://bridge.example.test';

function handOffFor(overrides: Partial<HandOff> = {}): HandOff {
  return {
    conversationId: '6b7a1c2e-0d7e-4f4e-9d43-2f7f7c1d0a11',
    player: { id: '301234567890123456', displayName: 'Ash Ketchum', channelId: '401234567890123456' },
    locale: 'en',
    caseNumber: 42,
    platformKey: null,
    platformRefs: {},
    transcript: [
      { author: 'PLAYER', authorName: 'Ash Ketchum', body: 'My game crashes when I open the map', at: new Date('2026-11-22T10:00:00Z') },
      { author: 'BOT', authorName: 'bot', body: 'These articles may help:\n- Map crashes (https://kb.example/map)', at: new Date('2026-11-22T10:00:01Z') },
      { author: 'SYSTEM', authorName: 'system', body: 'Case #42 created, transferring you to a live agent.', at: new Date('2026-11-22T10:00:05Z') },
    ],
    ...overrides,
  };
}

const json = (value: string | string[] | undefined) => JSON.parse(String(value));

describe('FlexAgentPlatform against the fake Twilio (direct mode)', () => {
  let app: FlexTestApp;
  let platform: FlexAgentPlatform;

  beforeAll(async () => {
    app = await createFlexTestApp();
    platform = app.app.get(FlexAgentPlatform);
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(async () => {
    await app.fake.settle();
    app.fake.requests.length = 0;
  });

  it('hands off: conversation, player participant, webhook, transcript, then a Flex interaction with the routing attributes', async () => {
    const result = await platform.handOff(handOffFor());
    const { fake } = app;

    const [created] = fake.calls('POST /v1/Conversations');
    expect(created.params.FriendlyName).toBe('Discord help chat, case #42');
    expect(created.params['Timers.Closed']).toBe('PT24H');
    expect(json(created.params.Attributes)).toEqual({
      source: 'discord',
      mode: 'AGENT',
      discordUserId: '301234567890123456',
      dmChannelId: '401234567890123456',
      playerName: 'Ash Ketchum',
      locale: 'en',
      caseNumber: 42,
      caseUrl: `${PUBLIC_URL}/api/cases/42`,
      bridgeConversationId: '6b7a1c2e-0d7e-4f4e-9d43-2f7f7c1d0a11',
    });
    const conversationSid = result.platformKey!;
    expect(conversationSid).toMatch(/^CH[0-9a-f]{32}$/);

    const [participant] = fake.calls('POST /v1/Conversations/{ConversationSid}/Participants');
    expect(participant.path).toBe(`/v1/Conversations/${conversationSid}/Participants`);
    expect(participant.params.Identity).toBe('discord:301234567890123456');
    expect(String(participant.params.Identity)).not.toContain('Ash');
    expect(json(participant.params.Attributes)).toMatchObject({ displayName: 'Ash Ketchum', discordUserId: '301234567890123456' });

    const webhooks = fake.calls('POST /v1/Conversations/{ConversationSid}/Webhooks');
    expect(webhooks.map((w) => w.params)).toEqual([
      {
        Target: 'webhook',
        'Configuration.Url': `${PUBLIC_URL}/forward-to-discord`,
        'Configuration.Method': 'post',
        'Configuration.Filters': ['onMessageAdded', 'onParticipantAdded', 'onConversationStateUpdated'],
      },
    ]);

    const messages = fake.calls('POST /v1/Conversations/{ConversationSid}/Messages');
    expect(messages.map((m) => [m.params.Author, m.params.Body])).toEqual([
      ['discord:301234567890123456', 'My game crashes when I open the map'],
      ['bot', 'These articles may help:\n- Map crashes (https://kb.example/map)'],
      ['system', 'Case #42 created, transferring you to a live agent.'],
      ['system', `The player asked for a live agent. Case #42: ${PUBLIC_URL}/api/cases/42`],
    ]);
    for (const message of messages) {
      // No flow needs these lines: without the header they do not echo back to /forward-to-discord.
      expect(message.headers['x-twilio-webhook-enabled']).toBeUndefined();
      expect(json(message.params.Attributes)).toMatchObject({ discordUserId: '301234567890123456', dmChannelId: '401234567890123456', caseNumber: 42 });
    }
    expect(messages[0].params.DateCreated).toBe('2026-11-22T10:00:00Z');

    const [interaction] = fake.calls('POST /v1/Interactions');
    expect(json(interaction.params.Channel)).toEqual({ type: 'chat', initiated_by: 'customer', properties: { media_channel_sid: conversationSid } });
    expect(json(interaction.params.Routing)).toEqual({
      properties: {
        workspace_sid: fake.workspaceSid,
        workflow_sid: fake.workflowSid,
        task_channel_unique_name: 'chat',
        attributes: {
          caseNumber: 42,
          playerName: 'Ash Ketchum',
          customerName: 'Ash Ketchum',
          locale: 'en',
          caseUrl: `${PUBLIC_URL}/api/cases/42`,
          discordUserId: '301234567890123456',
          conversationSid,
          channelType: 'discord',
        },
      },
    });

    // In that order: nothing is routed before the conversation can report back to us.
    const order = fake.requests.map((r) => r.route).filter((r) => r && !r.startsWith('GET'));
    expect(order.indexOf('POST /v1/Conversations/{ConversationSid}/Webhooks')).toBeLessThan(order.indexOf('POST /v1/Interactions'));
    expect(order.indexOf('POST /v1/Conversations/{ConversationSid}/Participants')).toBeLessThan(order.indexOf('POST /v1/Conversations/{ConversationSid}/Webhooks'));

    const stored = fake.interactions.get(result.platformRefs!.interactionSid)!;
    expect(result).toEqual({ platformKey: conversationSid, platformRefs: { interactionSid: stored.sid, channelSid: stored.channel.sid } });
    expect(result.platformRefs!.interactionSid).toMatch(/^KD[0-9a-f]{32}$/);
    expect(result.platformRefs!.channelSid).toMatch(/^UO[0-9a-f]{32}$/);
    // REST calls authenticate with the API key, not the auth token.
    const basic = Buffer.from(String(interaction.headers.authorization).replace('Basic ', ''), 'base64').toString();
    expect(basic).toBe(`${fake.apiKey}:${fake.apiSecret}`);

    // Nothing comes back: no webhook for our own REST calls, and TaskRouter's task.created is filtered out.
    await fake.settle();
    expect(fake.deliveries.filter((d) => d.params.ConversationSid === conversationSid)).toEqual([]);
    expect(fake.taskFor(conversationSid).assignmentStatus).toBe('pending');
    expect(await app.prisma.job.count()).toBe(0);
  });

  it('reuses the chat’s Twilio conversation while it is open: no new conversation, transcript not repeated', async () => {
    const first = await platform.handOff(handOffFor({ player: { id: '301234567890000001', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }));
    app.fake.requests.length = 0;

    const again = await platform.handOff(handOffFor({ player: { id: '301234567890000001', displayName: 'Ash Ketchum', channelId: '401234567890123456' }, caseNumber: 43, platformKey: first.platformKey! }));

    expect(again.platformKey).toBe(first.platformKey);
    expect(app.fake.calls('POST /v1/Conversations')).toHaveLength(0);
    expect(app.fake.calls('POST /v1/Conversations/{ConversationSid}/Participants')).toHaveLength(0);
    expect(app.fake.calls('POST /v1/Conversations/{ConversationSid}/Messages').map((m) => m.params.Body)).toEqual([
      `The player asked for a live agent. Case #43: ${PUBLIC_URL}/api/cases/43`,
    ]);
    const [update] = app.fake.calls('POST /v1/Conversations/{Sid}');
    expect(json(update.params.Attributes)).toMatchObject({ mode: 'AGENT', caseNumber: 43 });
    const [interaction] = app.fake.calls('POST /v1/Interactions');
    expect(json(interaction.params.Channel).properties.media_channel_sid).toBe(first.platformKey);
    expect(again.platformRefs!.interactionSid).not.toBe(first.platformRefs!.interactionSid);
  });

  it('opens a new conversation when the known one was closed', async () => {
    const first = await platform.handOff(handOffFor({ player: { id: '301234567890000002', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }));
    await app.fake.closeConversation(first.platformKey!);
    app.fake.requests.length = 0;

    const again = await platform.handOff(handOffFor({ player: { id: '301234567890000002', displayName: 'Ash Ketchum', channelId: '401234567890123456' }, platformKey: first.platformKey! }));

    expect(again.platformKey).not.toBe(first.platformKey);
    expect(app.fake.calls('POST /v1/Conversations')).toHaveLength(1);
  });

  it('closes the conversation it opened when Flex refuses the interaction, and reports the failure', async () => {
    app.fake.fail('POST /v1/Interactions', 400, 1, { body: { code: 20001, message: 'Invalid workflow', status: 400 } });

    await expect(platform.handOff(handOffFor({ player: { id: '301234567890000003', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }))).rejects.toThrow(/Invalid workflow/);

    const [created] = app.fake.calls('POST /v1/Conversations');
    const sid = app.fake.requests.find((r) => r.route === 'POST /v1/Conversations/{ConversationSid}/Participants')!.path.split('/')[3];
    expect(created).toBeDefined();
    expect(app.fake.conversations.get(sid)!.state).toBe('closed');
  });

  it('relays a player message with an image: bytes uploaded to the media service, then a message with its MediaSid', async () => {
    const chat = await platform.handOff(handOffFor({ player: { id: '301234567890000004', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }));
    app.fake.requests.length = 0;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

    const result = await platform.relayPlayerMessage(
      { ...handOffFor({ player: { id: '301234567890000004', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }), platformKey: chat.platformKey! },
      { body: 'Here is a screenshot', id: '501234567890123456', playerMessageId: '501234567890123456', maybeSent: false, media: [{ filename: 'crash.png', contentType: 'image/png', data: png }] },
    );

    const [upload] = app.fake.calls('POST /v1/Services/{ServiceSid}/Media');
    expect(upload.host).toBe('mcs.us1.twilio.com');
    expect(upload.path).toBe(`/v1/Services/${app.fake.defaultChatServiceSid}/Media`);
    expect(upload.headers['content-type']).toBe('image/png');
    expect(upload.body.equals(png)).toBe(true);
    const [message] = app.fake.calls('POST /v1/Conversations/{ConversationSid}/Messages');
    const mediaSid = String(message.params.MediaSid);
    expect(mediaSid).toMatch(/^ME[0-9a-f]{32}$/);
    expect(app.fake.media.get(mediaSid)!.data.equals(png)).toBe(true);
    expect(message.params).toMatchObject({ Author: 'discord:301234567890000004', Body: 'Here is a screenshot' });
    expect(json(message.params.Attributes)).toMatchObject({ discordMessageId: '501234567890123456', filename: 'crash.png' });
    expect(message.headers['x-twilio-webhook-enabled']).toBeUndefined();
    expect(upload.status).toBe(201);
    expect(app.fake.requests.indexOf(upload)).toBeLessThan(app.fake.requests.indexOf(message));
    expect(result.platformMessageId).toBe(app.fake.conversationOrThrow(chat.platformKey!).messages.at(-1)!.sid);
  });

  it('relays a text message in one call, and mirrors a bot line as "bot" without firing webhooks', async () => {
    const chat = await platform.handOff(handOffFor({ player: { id: '301234567890000005', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }));
    const ref = { ...handOffFor({ player: { id: '301234567890000005', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }), platformKey: chat.platformKey! };
    app.fake.requests.length = 0;

    const relayed = await platform.relayPlayerMessage(ref, { body: 'Still there?', id: '501234567890000001', playerMessageId: '501234567890000001', maybeSent: false, media: [] });
    await platform.mirror(ref, { author: 'BOT', authorName: 'bot', body: 'An agent will be with you shortly.', at: new Date() });

    expect(app.fake.requests.map((r) => r.route)).toEqual(['POST /v1/Conversations/{ConversationSid}/Messages', 'POST /v1/Conversations/{ConversationSid}/Messages']);
    const [player, bot] = app.fake.calls('POST /v1/Conversations/{ConversationSid}/Messages');
    expect(relayed.platformMessageId).toMatch(/^IM[0-9a-f]{32}$/);
    expect(player.params.Author).toBe('discord:301234567890000005');
    expect(bot.params).toMatchObject({ Author: 'bot', Body: 'An agent will be with you shortly.' });
    expect(bot.headers['x-twilio-webhook-enabled']).toBeUndefined();
  });

  it('closes the Flex interaction channel when it is known, else the conversation', async () => {
    const chat = await platform.handOff(handOffFor({ player: { id: '301234567890000006', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }));
    const ref = { ...handOffFor({ player: { id: '301234567890000006', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }), ...chat } as HandOff;
    app.fake.requests.length = 0;

    await platform.close(ref);
    const [closed] = app.fake.calls('POST /v1/Interactions/{InteractionSid}/Channels/{Sid}');
    expect(closed.path).toBe(`/v1/Interactions/${chat.platformRefs!.interactionSid}/Channels/${chat.platformRefs!.channelSid}`);
    // Routing status closed completes the task instead of leaving the agent in wrap-up.
    expect(closed.params).toEqual({ Status: 'closed', Routing: '{"status":"closed"}' });
    expect(app.fake.interactions.get(chat.platformRefs!.interactionSid)!.channelStatus).toBe('closed');
    await app.fake.settle();
    expect(app.fake.taskFor(chat.platformKey!).assignmentStatus).toBe('completed');
    expect(app.fake.taskRouter.events.filter((e) => e.delivered).map((e) => e.eventType)).toContain('task.completed');
    // Closing again (a retry whose first answer was lost): the channel is read, not closed twice.
    app.fake.requests.length = 0;
    await platform.close(ref);
    expect(app.fake.calls('GET /v1/Interactions/{InteractionSid}/Channels/{Sid}')).toHaveLength(1);
    expect(app.fake.calls('POST /v1/Interactions/{InteractionSid}/Channels/{Sid}')).toHaveLength(0);

    const bare = await platform.handOff(handOffFor({ player: { id: '301234567890000007', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }));
    app.fake.requests.length = 0;
    await platform.close({ ...handOffFor({ player: { id: '301234567890000007', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }), platformKey: bare.platformKey! });
    const [update] = app.fake.calls('POST /v1/Conversations/{Sid}');
    expect(update.params).toEqual({ State: 'closed' });
    expect(app.fake.conversations.get(bare.platformKey!)!.state).toBe('closed');
    app.fake.requests.length = 0;
    await platform.close({ ...handOffFor({ player: { id: '301234567890000007', displayName: 'Ash Ketchum', channelId: '401234567890123456' } }), platformKey: bare.platformKey! });
    expect(app.fake.calls('POST /v1/Conversations/{Sid}')).toHaveLength(0);
  });
});
