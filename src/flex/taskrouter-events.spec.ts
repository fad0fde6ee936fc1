import { classifyTaskRouterEvent } from './taskrouter-events';
import { InvalidWebhookField } from './twilio-sids';
import { splitForPlayer } from './webhook-text';

const WS = `WS${'1'.repeat(32)}`;
const WT = `WT${'2'.repeat(32)}`;
const WR = `WR${'3'.repeat(32)}`;
const CH = `CH${'4'.repeat(32)}`;

const event = (EventType: string, extra: Record<string, string> = {}) => ({
  EventType,
  WorkspaceSid: WS,
  TaskSid: WT,
  TaskAttributes: JSON.stringify({ conversationSid: CH, caseNumber: 3 }),
  ...extra,
});

describe('classifyTaskRouterEvent', () => {
  it('turns an accepted reservation into agent-joined with the worker’s full name, keyed by the reservation', () => {
    const accepted = event('reservation.accepted', { ReservationSid: WR, WorkerName: 'alice@example.com', WorkerAttributes: JSON.stringify({ full_name: 'Alice P.' }) });
    expect(classifyTaskRouterEvent(accepted, WS)).toEqual({ job: { type: 'agentJoined', conversationSid: CH, agentName: 'Alice P.' }, dedupeKey: `taskrouter:accepted:${WR}` });
  });

  it('closes on wrap-up or completion under the same key as the conversation’s own close; no agent on cancel or timeout, once per task', () => {
    for (const type of ['reservation.wrapup', 'task.completed']) {
      expect(classifyTaskRouterEvent(event(type, { ReservationSid: WR }), WS)).toEqual({ job: { type: 'platformClosed', conversationSid: CH }, dedupeKey: `flex:closed:${CH}` });
    }
    const keys = ['workflow.timeout', 'task.canceled'].map((type) => classifyTaskRouterEvent(event(type), WS));
    expect(keys.map((k) => k!.job)).toEqual([{ type: 'noAgent', conversationSid: CH }, { type: 'noAgent', conversationSid: CH }]);
    expect(new Set(keys.map((k) => k!.dedupeKey)).size).toBe(1);
  });

  it('ignores other events, other workspaces and tasks that are not conversations', () => {
    expect(classifyTaskRouterEvent(event('reservation.created'), WS)).toBeNull();
    expect(classifyTaskRouterEvent(event('task.completed'), `WS${'9'.repeat(32)}`)).toBeNull();
    expect(classifyTaskRouterEvent(event('task.completed', { TaskAttributes: '{"call_sid":"CA1"}' }), WS)).toBeNull();
  });

  it('refuses malformed SIDs', () => {
    expect(() => classifyTaskRouterEvent(event('task.completed', { TaskSid: 'WT1' }), WS)).toThrow(InvalidWebhookField);
    expect(() => classifyTaskRouterEvent(event('reservation.accepted', { ReservationSid: `${WR}x` }), WS)).toThrow(/ReservationSid/);
  });
});

describe('splitForPlayer', () => {
  it('keeps every character, in parts that fit a Discord message', () => {
    const text = `${'word '.repeat(900)}${'x'.repeat(2500)}😀end`;
    const parts = splitForPlayer(text);
    expect(parts.join('')).toBe(text);
    expect(parts.every((p) => p.length <= 1900)).toBe(true);
    expect(parts.length).toBeGreaterThan(2);
    expect(splitForPlayer('short')).toEqual(['short']);
  });
});
