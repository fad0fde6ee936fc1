import type { APIMessage, APIUser } from 'discord-api-types/v10';
import { StaffAlertStream } from '../../src/conversations/lifecycle';
import type { LifecycleEvent } from '../../src/conversations/lifecycle';
import { Role } from '../../src/generated/prisma/enums';
import { FakeDiscord } from '../fakes/discord';
import { modalShown, modalSubmit } from '../fakes/discord/modal-submit';
import { eventually } from '../utils/eventually';
import { FakeTime } from '../utils/fake-time';
import { createTestApp, TestApp } from '../utils/test-app';
import { discordEnv } from '../utils/test-discord';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date('2027-03-01T10:00:00.000Z'); // a Monday, after the machine's real time
const at = (ms: number) => new Date(T0.getTime() + ms);

/**
 * The help chat's lifecycle through the real discord.js against the fake Discord, the leads'
 * queue as agent platform, a fake clock, and a restart of the app in the middle of each timer.
 */
describe('help-chat lifecycle: escalation, stale chats, satisfaction', () => {
  let discord: FakeDiscord;
  let first: TestApp;
  let app: TestApp;
  let lead: { authorization: string };
  const time = new FakeTime(T0);
  const alerts: LifecycleEvent[] = [];
  const env = () => ({ ...discordEnv(discord), QUEUE_POLL_MS: '20', QUEUE_RETRY_BASE_MS: '20', QUEUE_RETRY_MAX_MS: '200' });

  const boot = async (databaseUrl?: string) => {
    const booted = await createTestApp({ ...env(), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) });
    time.attach(booted);
    booted.app.get(StaffAlertStream).events.subscribe((event) => alerts.push(event));
    return booted;
  };
  /** Stops the app as a deploy would and starts a new one on the same database. */
  const restart = async () => {
    await app.app.close();
    app = await boot(first.databaseUrl);
  };

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    app = first = await boot();
    await discord.waitForCommands();
    lead = await app.keyFor(Role.LEAD, 'Alex');
  });
  afterAll(async () => {
    await app.close();
    if (app !== first) await first.close().catch(() => undefined);
    await discord.close();
  });

  const dms = (user: APIUser, text: string) => discord.dmMessages(user.id).filter((m) => m.author.id === discord.botUser.id && m.content.includes(text));
  const dm = (user: APIUser, text: string) => eventually(() => dms(user, text)[0], 8000, `a DM with "${text}"`) as Promise<APIMessage>;
  const say = (user: APIUser, content: string) => eventually(() => discord.dispatchMessage({ user, content }), 8000, 'a gateway session');
  const caseOf = async (user: APIUser) => {
    const chat = await eventually(() => app.prisma.conversation.findFirst({ where: { playerId: user.id, caseId: { not: null } }, orderBy: { createdAt: 'desc' } }), 8000, 'the hand-off');
    return app.prisma.case.findUniqueOrThrow({ where: { id: chat.caseId! }, include: { events: { orderBy: { id: 'asc' } } } });
  };
  const askForAgent = async (user: APIUser) => {
    await say(user, 'I want to talk to a human');
    await dm(user, 'Transferring you to a live agent');
    return caseOf(user);
  };
  const leadReplies = async (caseNumber: number, body: string) => {
    const res = await app.request({ method: 'POST', url: `/api/cases/${caseNumber}/messages`, headers: lead, payload: { body } });
    expect(res.statusCode).toBe(201);
  };

  it('an unanswered chat re-alerts staff at 15 and 30 minutes, becomes HIGH once, and a restart in between changes nothing', async () => {
    time.now = T0;
    const player = discord.user({ username: 'waiting-wanda' });
    const helpCase = await askForAgent(player);
    expect(helpCase.agentRequestedAt).toEqual(T0);

    await time.travelTo(app, at(14 * MINUTE));
    expect(alerts).toHaveLength(0);
    await time.travelTo(app, at(15 * MINUTE));
    expect(alerts.map((a) => [a.caseNumber, a.alert, a.waitingMinutes])).toEqual([[helpCase.number, 1, 15]]);
    expect((await caseOf(player)).priority).toBe('HIGH');

    await restart();
    await time.travelTo(app, at(29 * MINUTE));
    expect(alerts).toHaveLength(1);
    await time.travelTo(app, at(30 * MINUTE));
    expect(alerts.map((a) => [a.alert, a.waitingMinutes])).toEqual([[1, 15], [2, 30]]);
    expect(alerts[1]).toMatchObject({ type: 'chat.waiting', targetMinutes: 15, player: { id: player.id } });

    const after = await caseOf(player);
    expect(after.events.filter((e) => e.type === 'PRIORITY_CHANGED').map((e) => e.data)).toEqual([{ from: 'NORMAL', to: 'HIGH' }]);
    expect(after.events.filter((e) => e.type === 'SLA_BREACHED').map((e) => e.data)).toEqual([{ waitingMinutes: 15, targetMinutes: 15 }]);

    // The first agent reply stops the alerts and is the first response.
    time.now = at(40 * MINUTE);
    await leadReplies(helpCase.number, 'Hi Wanda, sorry for the wait!');
    await time.travelTo(app, at(60 * MINUTE));
    expect(alerts).toHaveLength(2);
    expect((await caseOf(player)).firstResponseAt).toEqual(at(40 * MINUTE));
  });

  it('a chat the player stopped answering gets the reminder at 24 h and closes at 48 h, across a restart; the survey follows once and its answer reaches the stats', async () => {
    alerts.length = 0;
    time.now = T0;
    const player = discord.user({ username: 'silent-sam' });
    const helpCase = await askForAgent(player);
    await leadReplies(helpCase.number, 'Can you send me your player id?');

    await time.travelTo(app, at(23 * HOUR));
    expect(dms(player, 'Are you still there?')).toHaveLength(0);
    await time.travelTo(app, at(24 * HOUR));
    await dm(player, 'Are you still there?');
    expect((await caseOf(player)).status).toBe('WAITING');

    await restart();
    await time.travelTo(app, at(47 * HOUR));
    expect((await app.prisma.conversation.findFirstOrThrow({ where: { caseId: helpCase.id } })).mode).toBe('AGENT');
    await time.travelTo(app, at(48 * HOUR));
    await dm(player, 'We closed this chat because we did not hear back');
    const closed = await caseOf(player);
    expect(closed.status).toBe('RESOLVED');
    expect(closed.resolvedAt).toEqual(at(48 * HOUR));
    expect(closed.events.find((e) => e.type === 'AUTO_CLOSED')).toMatchObject({ actor: 'chat:lifecycle', data: { automatic: true, status: 'RESOLVED' } });
    expect(dms(player, 'Are you still there?')).toHaveLength(1);

    const survey = await dm(player, 'How did we do?');
    await time.travelTo(app, at(49 * HOUR));
    expect(dms(player, 'How did we do?')).toHaveLength(1);
    const buttons = (survey.components as any[])[0].components.map((b: { custom_id: string; label: string }) => b.label);
    expect(buttons).toEqual(['1', '2', '3', '4', '5']);
    const four = (survey.components as any[])[0].components[3].custom_id as string;

    const click = await eventually(() => discord.dispatchInteraction(discord.button({ customId: four, user: player, message: survey })), 8000, 'a gateway session');
    const modal = await eventually(() => modalShown(discord, click), 5000, 'the comment modal');
    expect(modal.custom_id).toBe(`csat-comment/${four.split('/')[1]}`);
    const submit = discord.dispatchInteraction(modalSubmit(discord, { user: player, customId: modal.custom_id, fields: { comment: 'Quick and kind' }, message: survey }));
    expect((await discord.waitForReply(submit)).message.content).toBe('Thank you for your feedback!');

    const again = discord.dispatchInteraction(discord.button({ customId: (survey.components as any[])[0].components[0].custom_id, user: player, message: survey }));
    const refused = await discord.waitForReply(again);
    expect(refused).toMatchObject({ ephemeral: true, message: { content: 'You already rated this chat. Thank you!' } });

    const rated = await app.request({ method: 'GET', url: `/api/cases/${helpCase.number}`, headers: lead });
    expect(rated.json()).toMatchObject({ satisfaction: { score: 4, comment: 'Quick and kind', agent: 'Alex' }, responseTimes: { firstResponseAt: T0.toISOString() } });
    const stats = (await app.request({ method: 'GET', url: '/api/cases/stats', headers: lead })).json();
    expect(stats.satisfaction.byAgent).toEqual([{ agent: 'Alex', average: 4, count: 1 }]);
    expect(stats.satisfaction.byWeek).toEqual([{ week: '2027-03-01', average: 4, count: 1 }]);
    expect(stats.responseTimes.byType.HELP.resolution.count).toBe(1);
  });

  it("the player's answer at 30 h cancels the countdown; an agent can start it at once with \"waiting for the player\"", async () => {
    time.now = T0;
    const player = discord.user({ username: 'back-bea' });
    const helpCase = await askForAgent(player);
    await leadReplies(helpCase.number, 'Does it work now?');
    await time.travelTo(app, at(24 * HOUR));
    await dm(player, 'Are you still there?');

    time.now = at(30 * HOUR);
    await say(player, 'Sorry, I was away. Still broken.');
    await eventually(async () => (await app.prisma.conversation.findFirstOrThrow({ where: { caseId: helpCase.id } })).awaitingPlayerSince === null, 5000, 'the countdown cancelled');
    await time.travelTo(app, at(72 * HOUR));
    const chat = await app.prisma.conversation.findFirstOrThrow({ where: { caseId: helpCase.id } });
    expect(chat.mode).toBe('AGENT');
    expect(dms(player, 'We closed this chat')).toHaveLength(0);

    const agent = await app.keyFor(Role.AGENT);
    const marked = await app.request({ method: 'POST', url: `/api/conversations/${chat.id}/waiting-for-player`, headers: agent });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toEqual({ awaitingPlayerSince: at(72 * HOUR).toISOString(), remindAt: at(96 * HOUR).toISOString(), closeAt: at(120 * HOUR).toISOString() });
    expect((await caseOf(player)).status).toBe('WAITING');
    await time.travelTo(app, at(120 * HOUR));
    await dm(player, 'We closed this chat');
    expect(dms(player, 'Are you still there?')).toHaveLength(2);

    const viewer = await app.keyFor(Role.VIEWER);
    expect((await app.request({ method: 'POST', url: `/api/conversations/${chat.id}/waiting-for-player`, headers: viewer })).statusCode).toBe(403);
    const again = await app.request({ method: 'POST', url: `/api/conversations/${chat.id}/waiting-for-player`, headers: agent });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
  });
});
