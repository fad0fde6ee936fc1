import { AGENT_BUTTON_ID } from '../../src/discord/help/agent-button';
import { eventually } from '../utils/eventually';
import { LifecycleApp, lifecycleApp } from '../utils/lifecycle-app';

const FRIDAY = new Date('2027-03-05T10:00:00.000Z'); // 11:00 in Paris
const SATURDAY_NOON = new Date('2027-03-06T12:00:00.000Z');
const MONDAY_OPENING = new Date('2027-03-08T08:00:00.000Z'); // 09:00 in Paris (UTC+1 before the March change)
const MINUTE = 60_000;

/** SUPPORT_HOURS: a request on Saturday is told (in the player's language) when support is back; the SLA clock starts then. */
describe('help-chat lifecycle: support hours', () => {
  let h: LifecycleApp;
  beforeAll(async () => (h = await lifecycleApp(FRIDAY, { SUPPORT_HOURS: 'Mon-Fri 09:00-18:00 Europe/Paris', CSAT_ENABLED: 'false' })));
  afterAll(() => h.close());

  it('a request during support hours says nothing about them and starts the SLA clock at once; with CSAT_ENABLED=false no survey follows the close', async () => {
    const player = h.discord.user({ username: 'friday-fay' });
    h.discord.dispatchInteraction(h.discord.button({ customId: AGENT_BUTTON_ID, user: player, locale: 'en-US' }));
    await h.dm(player, 'Transferring you to a live agent');
    const chat = await eventually(() => h.app.prisma.conversation.findFirst({ where: { playerId: player.id, slaStartsAt: { not: null } } }), 5000, 'the SLA clock');
    expect(chat.slaStartsAt).toEqual(FRIDAY);
    expect(h.dms(player, 'support team is away')).toHaveLength(0);

    // CSAT_ENABLED=false: a lead closes the chat, the resolution is recorded, and no survey follows.
    const helpCase = await h.caseOf(player);
    await h.leadReplies(helpCase.number, 'Fixed, enjoy the game!');
    h.time.now = new Date(FRIDAY.getTime() + 30 * MINUTE);
    const closed = await h.app.request({ method: 'POST', url: `/api/conversations/${chat.id}/close`, headers: h.lead });
    expect(closed.statusCode).toBe(204);
    await h.dm(player, 'This chat has been closed');
    await h.travelTo(new Date(FRIDAY.getTime() + 31 * MINUTE));
    expect((await h.caseOf(player)).resolvedAt).toEqual(new Date(FRIDAY.getTime() + 30 * MINUTE));
    expect(h.dms(player, 'How did we do?')).toHaveLength(0);
    expect(await h.app.prisma.job.count({ where: { kind: 'lifecycle.csat' } })).toBe(0);
  });

  it('an agent request on Saturday creates the case, tells the player when support is back, and the SLA counts from Monday 09:00 across a restart', async () => {
    h.time.now = SATURDAY_NOON;
    await h.travelTo(SATURDAY_NOON); // the Friday chat's alerts are due by now
    h.alerts.length = 0;
    const player = h.discord.user({ username: 'weekend-wren' });
    h.discord.dispatchInteraction(h.discord.button({ customId: AGENT_BUTTON_ID, user: player, locale: 'fr' }));
    await h.dm(player, 'Je te transfère à un conseiller');
    const away = await h.dm(player, "L'équipe support est absente");
    const helpCase = await h.caseOf(player);
    expect(away.content).toContain(`dossier #${helpCase.number}`);
    expect(away.content).toMatch(/lundi 8 mars.*09:00/);
    expect(helpCase.agentRequestedAt).toEqual(SATURDAY_NOON);
    const chat = await eventually(() => h.app.prisma.conversation.findFirst({ where: { caseId: helpCase.id, slaStartsAt: { not: null } } }), 5000, 'the SLA clock');
    expect(chat.slaStartsAt).toEqual(MONDAY_OPENING);

    await h.travelTo(new Date(SATURDAY_NOON.getTime() + 60 * MINUTE));
    expect(h.alerts).toHaveLength(0);
    await h.restart();
    await h.travelTo(new Date(MONDAY_OPENING.getTime() + 14 * MINUTE));
    expect(h.alerts.filter((a) => a.caseNumber === helpCase.number)).toHaveLength(0);
    await h.travelTo(new Date(MONDAY_OPENING.getTime() + 15 * MINUTE));
    expect(h.alerts.filter((a) => a.caseNumber === helpCase.number).map((a) => [a.alert, a.waitingMinutes])).toEqual([[1, 15]]);
  });
});
