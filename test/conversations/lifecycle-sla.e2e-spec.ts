import { at, T0 } from '../utils/fake-time';
import { LifecycleApp, lifecycleApp } from '../utils/lifecycle-app';

const MINUTE = 60_000;

/** First-response target with a fake clock; the app restarts between the two alerts. */
describe('help-chat lifecycle: escalation', () => {
  let h: LifecycleApp;
  beforeAll(async () => (h = await lifecycleApp(T0)));
  afterAll(() => h.close());

  it('an unanswered chat re-alerts staff at 15 and 30 minutes, becomes HIGH once, and a restart in between (with a second replica) changes nothing', async () => {
    h.time.now = T0;
    const player = h.discord.user({ username: 'waiting-wanda' });
    const helpCase = await h.askForAgent(player);
    expect(helpCase.agentRequestedAt).toEqual(T0);

    await h.travelTo(at(14 * MINUTE));
    expect(h.alerts).toHaveLength(0);
    await h.travelTo(at(15 * MINUTE));
    expect(h.alerts.map((a) => [a.caseNumber, a.alert, a.waitingMinutes])).toEqual([[helpCase.number, 1, 15]]);
    expect((await h.caseOf(player)).priority).toBe('HIGH');

    await h.restart();
    await h.replica(); // two workers on one database: each alert still goes out once
    await h.travelTo(at(29 * MINUTE));
    expect(h.alerts).toHaveLength(1);
    await h.travelTo(at(30 * MINUTE));
    expect(h.alerts.map((a) => [a.alert, a.waitingMinutes])).toEqual([[1, 15], [2, 30]]);
    expect(h.alerts[1]).toMatchObject({ type: 'chat.waiting', targetMinutes: 15, player: { id: player.id } });

    const after = await h.caseOf(player);
    expect(after.events.filter((e) => e.type === 'PRIORITY_CHANGED').map((e) => e.data)).toEqual([{ from: 'NORMAL', to: 'HIGH' }]);
    expect(after.events.filter((e) => e.type === 'SLA_BREACHED').map((e) => e.data)).toEqual([{ waitingMinutes: 15, targetMinutes: 15 }]);

    // The first agent reply stops the h.alerts and is the first response.
    h.time.now = at(40 * MINUTE);
    await h.leadReplies(helpCase.number, 'Hi Wanda, sorry for the wait!');
    await h.travelTo(at(60 * MINUTE));
    expect(h.alerts).toHaveLength(2);
    expect((await h.caseOf(player)).firstResponseAt).toEqual(at(40 * MINUTE));
  });
});
