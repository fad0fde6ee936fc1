import { agentDisplayName } from './identities';
import { InvalidWebhookField } from './twilio-sids';
import { classifyBotTurn, classifyConversationEvent, parseMedia } from './webhook-events';

const CH = `CH${'1'.repeat(32)}`;
const IM = `IM${'2'.repeat(32)}`;
const ME = `ME${'3'.repeat(32)}`;
const MB = `MB${'5'.repeat(32)}`;

describe('classifyConversationEvent', () => {
  const message = (extra: Record<string, string>) => ({ EventType: 'onMessageAdded', ConversationSid: CH, MessageSid: IM, Author: 'alice@example.com', Body: 'hi', ...extra });

  it('turns an agent message (Source=SDK) into a job keyed by its message SID', () => {
    expect(classifyConversationEvent(message({ Source: 'SDK', ChatServiceSid: `IS${'4'.repeat(32)}` }))).toEqual({
      job: { type: 'agentMessage', conversationSid: CH, messageSid: IM, chatServiceSid: `IS${'4'.repeat(32)}`, authorName: 'alice', body: 'hi', media: [] },
      dedupeKey: `flex:message:${IM}`,
    });
  });

  it('ignores our own messages, the player’s, and events it does not handle', () => {
    expect(classifyConversationEvent(message({ Source: 'API' }))).toBeNull();
    expect(classifyConversationEvent(message({ Source: 'SDK', Author: 'discord:123' }))).toBeNull();
    expect(classifyConversationEvent({ EventType: 'onParticipantAdded', ConversationSid: CH, ParticipantSid: MB, Identity: 'discord:123' })).toBeNull();
    expect(classifyConversationEvent({ EventType: 'onConversationStateUpdated', ConversationSid: CH, StateTo: 'inactive' })).toBeNull();
    expect(classifyConversationEvent({ EventType: 'onMessageUpdated', ConversationSid: CH })).toBeNull();
  });

  it('refuses malformed or re-split values instead of keying a new event on them', () => {
    expect(() => classifyConversationEvent({ EventType: 'onMessageAdded', Source: 'SDK' })).toThrow(InvalidWebhookField);
    expect(() => classifyConversationEvent(message({ MessageSid: `${IM}Bo` }))).toThrow(/MessageSid/);
    expect(() => classifyConversationEvent(message({ MessageSid: [IM, IM] as unknown as string }))).toThrow(/more than once/);
    expect(() => classifyConversationEvent(message({ ChatServiceSid: 'IS1' }))).toThrow(/ChatServiceSid/);
    expect(() => classifyConversationEvent(message({ Body: 'x'.repeat(40_000) }))).toThrow(/Body/);
  });

  it('replaces NUL, which Postgres cannot store, with a visible character', () => {
    expect(classifyConversationEvent(message({ Source: 'SDK', Body: 'a\u0000b' }))!.job).toMatchObject({ body: 'a\uFFFDb', chatServiceSid: null });
  });

  it('reports an agent joining and the conversation closing', () => {
    expect(classifyConversationEvent({ EventType: 'onParticipantAdded', ConversationSid: CH, Identity: 'bob_40example_2Ecom', ParticipantSid: MB })).toEqual({
      job: { type: 'agentJoined', conversationSid: CH, agentName: 'bob', onlyIfNoAgent: true },
      dedupeKey: `flex:participant:${MB}`,
    });
    expect(classifyConversationEvent({ EventType: 'onConversationStateUpdated', ConversationSid: CH, StateFrom: 'active', StateTo: 'closed' })).toEqual({
      job: { type: 'platformClosed', conversationSid: CH },
      dedupeKey: `flex:closed:${CH}`,
    });
  });
});

describe('classifyBotTurn', () => {
  it('needs the conversation and message SIDs', () => {
    expect(classifyBotTurn({ ConversationSid: CH, MessageSid: IM, Body: 'trade?' })).toEqual({
      job: { type: 'botTurn', conversationSid: CH, messageSid: IM, body: 'trade?' },
      dedupeKey: `studio:turn:${IM}`,
    });
    expect(() => classifyBotTurn({ ConversationSid: CH })).toThrow(/MessageSid/);
  });
});

describe('parseMedia / agentDisplayName', () => {
  it('reads the webhook’s Media JSON and skips what is not a media SID', () => {
    const raw = JSON.stringify([{ Sid: ME, Filename: 'a.png', ContentType: 'image/png', Size: 3 }, { Sid: 'nope' }, { MediaSid: ME }]);
    expect(parseMedia(raw)).toEqual([
      { sid: ME, filename: 'a.png', contentType: 'image/png' },
      { sid: ME, filename: null, contentType: null },
    ]);
    expect(parseMedia('not json')).toEqual([]);
    expect(parseMedia(undefined)).toEqual([]);
  });

  it('prefers the participant’s friendly name, else the identity without its e-mail domain', () => {
    expect(agentDisplayName('alice@example.com', JSON.stringify({ friendly_name: 'Alice P.' }))).toBe('Alice P.');
    expect(agentDisplayName('alice@example.com')).toBe('alice');
    expect(agentDisplayName('alice_40example_2Ecom', 'not json')).toBe('alice');
    expect(agentDisplayName(undefined)).toBeNull();
  });
});
