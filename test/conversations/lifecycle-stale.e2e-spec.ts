import { Role } from '../../src/generated/prisma/enums';
import { modalShown, modalSubmit } from '../fakes/discord/modal-submit';
import { eventually } from '../utils/eventually';
import { at, HOUR, T0 } from '../utils/fake-time';
import { LifecycleApp, lifecycleApp } from '../utils/lifecycle-app';

const MINUTE = 60_000;

const later = (ms: number) => at(200 * HOUR + ms);

/** Stale chats and the satisfaction survey with a fake clock; the app restarts between reminder and close. */
describe('help-chat lifecycle: stale chats and satisfaction', () => {
  let h: LifecycleApp;
  beforeAll(async () => (h = await lifecycleApp(T0)));
  afterAll(() => h.close());

  it("the player's answer at 30 h cancels the countdown; an agent can start it at once with \"waiting for the player\"; the survey's 4 and comment reach the case and the stats", async () => {
    h.time.now = T0;
    const player = h.discord.user({ username: 'back-bea' });
    const helpCase = await h.askForAgent(player);
    await h.leadReplies(helpCase.number, 'Does it work now?');
    await h.travelTo(at(24 * HOUR));
    await h.dm(player, 'Are you still there?');

    h.time.now = at(30 * HOUR);
    await h.say(player, 'Sorry, I was away. Still broken.');
    await eventually(async () => (await h.app.prisma.conversation.findFirstOrThrow({ where: { caseId: helpCase.id } })).awaitingPlayerSince === null, 5000, 'the countdown cancelled');
    await h.travelTo(at(72 * HOUR));
    const chat = await h.app.prisma.conversation.findFirstOrThrow({ where: { caseId: helpCase.id } });
    expect(chat.mode).toBe('AGENT');
    expect(h.dms(player, 'We closed this chat')).toHaveLength(0);

    const agent = await h.app.keyFor(Role.AGENT);
    const marked = await h.app.request({ method: 'POST', url: `/api/conversations/${chat.id}/waiting-for-player`, headers: agent });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toEqual({ awaitingPlayerSince: at(72 * HOUR).toISOString(), remindAt: at(96 * HOUR).toISOString(), closeAt: at(120 * HOUR).toISOString() });
    expect((await h.caseOf(player)).status).toBe('WAITING');
    await h.travelTo(at(120 * HOUR));
    await h.dm(player, 'We closed this chat');
    expect(h.dms(player, 'Are you still there?')).toHaveLength(2);

    const viewer = await h.app.keyFor(Role.VIEWER);
    expect((await h.app.request({ method: 'POST', url: `/api/conversations/${chat.id}/waiting-for-player`, headers: viewer })).statusCode).toBe(403);
    const again = await h.app.request({ method: 'POST', url: `/api/conversations/${chat.id}/waiting-for-player`, headers: agent });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    const notAnId = await h.app.request({ method: 'POST', url: '/api/conversations/not-a-chat/waiting-for-player', headers: agent });
    expect(notAnId.statusCode).toBe(400);
    expect(notAnId.json().detail).toContain('id');

    // The survey after the close: a 4 with a comment is stored once and reaches the stats.
    const survey = await h.dm(player, 'How did we do?');
    const buttons = (survey.components as any[])[0].components.map((b: { custom_id: string; label: string }) => b.label);
    expect(buttons).toEqual(['1', '2', '3', '4', '5']);
    const four = (survey.components as any[])[0].components[3].custom_id as string;

    const click = await eventually(() => h.discord.dispatchInteraction(h.discord.button({ customId: four, user: player, message: survey })), 8000, 'a gateway session');
    const modal = await eventually(() => modalShown(h.discord, click), 5000, 'the comment modal');
    expect(modal.custom_id).toBe(`csat-comment/${four.split('/')[1]}`);
    const submit = h.discord.dispatchInteraction(modalSubmit(h.discord, { user: player, customId: modal.custom_id, fields: { comment: 'Quick and kind' }, message: survey }));
    expect((await h.discord.waitForReply(submit)).message.content).toBe('Thank you for your feedback!');

    const rateAgain = h.discord.dispatchInteraction(h.discord.button({ customId: (survey.components as any[])[0].components[0].custom_id, user: player, message: survey }));
    const refused = await h.discord.waitForReply(rateAgain);
    expect(refused).toMatchObject({ ephemeral: true, message: { content: 'You already rated this chat. Thank you!' } });

    const rated = await h.app.request({ method: 'GET', url: `/api/cases/${helpCase.number}`, headers: h.lead });
    expect(rated.json()).toMatchObject({ satisfaction: { score: 4, comment: 'Quick and kind', agent: 'Alex' }, responseTimes: { firstResponseAt: T0.toISOString() } });
    const stats = (await h.app.request({ method: 'GET', url: '/api/cases/stats', headers: h.lead })).json();
    expect(stats.satisfaction.byAgent).toEqual([{ agent: 'Alex', average: 4, count: 1 }]);
    expect(stats.satisfaction.byWeek).toEqual([{ week: '2027-03-01', average: 4, count: 1 }]);
    expect(stats.responseTimes.byType.HELP.resolution).toMatchObject({ count: 1, medianSeconds: 120 * 3600 });
  });

  it('a chat the player stopped answering gets the reminder at 24 h and closes at 48 h (a restart in between changes nothing); the survey follows once', async () => {
    // Later than the first test: the clock never goes back (API keys' rate windows follow it).
    h.time.now = later(0);
    const player = h.discord.user({ username: 'silent-sam' });
    const helpCase = await h.askForAgent(player);
    await h.leadReplies(helpCase.number, 'Can you send me your player id?');

    await h.travelTo(later(23 * HOUR));
    expect(h.dms(player, 'Are you still there?')).toHaveLength(0);
    await h.travelTo(later(24 * HOUR));
    await h.dm(player, 'Are you still there?');
    expect((await h.caseOf(player)).status).toBe('WAITING');

    await h.restart();
    await h.travelTo(later(47 * HOUR));
    expect((await h.app.prisma.conversation.findFirstOrThrow({ where: { caseId: helpCase.id } })).mode).toBe('AGENT');
    await h.travelTo(later(48 * HOUR));
    await h.dm(player, 'We closed this chat because we did not hear back');
    const closed = await h.caseOf(player);
    expect(closed.status).toBe('RESOLVED');
    expect(closed.resolvedAt).toEqual(later(48 * HOUR));
    expect(closed.events.find((e) => e.type === 'AUTO_CLOSED')).toMatchObject({ actor: 'chat:lifecycle', data: { automatic: true, status: 'RESOLVED' } });
    expect(h.dms(player, 'Are you still there?')).toHaveLength(1);

    // The survey after a restart: sent by the new app's worker, once.
    await h.dm(player, 'How did we do?');
    await h.travelTo(later(49 * HOUR));
    expect(h.dms(player, 'How did we do?')).toHaveLength(1);
  });
});
