import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { CaseEventsBus } from '../../src/cases/case-events.bus';
import { Role } from '../../src/generated/prisma/enums';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

describe('Reporter notifications on Discord', () => {
  let t: DiscordTestApp;
  let lead: { authorization: string };

  beforeAll(async () => {
    t = await createDiscordTestApp();
    lead = await t.keyFor(Role.LEAD, 'lead-lee');
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A case filed through the API on behalf of a Discord player. */
  async function caseFor(reporterId: string | undefined, title = 'Crash in the lobby'): Promise<number> {
    const res = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: lead,
      payload: { type: 'BUG', title, description: 'The game closes in the lobby.', ...(reporterId ? { reporterId, reporterName: 'Player' } : {}) },
    });
    expect(res.statusCode).toBe(201);
    return res.json().number;
  }

  const patch = (number: number, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/cases/${number}`, headers: lead, payload });
  const settled = () => t.app.get(CaseEventsBus).settled();
  const events = async (number: number) =>
    (await t.request({ method: 'GET', url: `/api/cases/${number}`, headers: lead })).json().events as { type: string; actor: string; data: Record<string, unknown> }[];

  it('a status change by a lead reaches the reporter as a DM and is recorded as NOTIFIED', async () => {
    const player = t.discord.user({ username: 'fay' });
    const number = await caseFor(player.id);

    const res = await patch(number, { status: 'IN_PROGRESS' });
    expect(res.statusCode).toBe(200);
    await settled();

    const [dm] = t.discord.dmMessages(player.id);
    expect(dm.embeds[0]).toMatchObject({
      title: `Case #${number}: Crash in the lobby`,
      description: 'Your case is now **In progress**.',
      fields: [{ name: 'Status', value: 'In progress', inline: true }],
    });
    const notified = (await events(number)).filter((e) => e.type === 'NOTIFIED');
    expect(notified).toEqual([expect.objectContaining({ actor: 'discord-bot', data: { kind: 'status_changed', channelId: dm.channel_id, messageId: dm.id } })]);
  });

  it('a public note is sent with its text; a private note is not', async () => {
    const player = t.discord.user();
    const number = await caseFor(player.id);

    await t.request({ method: 'POST', url: `/api/cases/${number}/notes`, headers: lead, payload: { body: 'Internal: check the logs', public: false } });
    await t.request({ method: 'POST', url: `/api/cases/${number}/notes`, headers: lead, payload: { body: 'We found the cause, a fix ships tomorrow.', public: true } });
    await settled();

    const dms = t.discord.dmMessages(player.id);
    expect(dms).toHaveLength(1);
    expect(dms[0].embeds[0].description).toBe('The support team left you a message about your case:\n\n>>> We found the cause, a fix ships tomorrow.');
    expect((await events(number)).filter((e) => e.type === 'NOTIFIED').map((e) => e.data.kind)).toEqual(['note_added']);
  });

  it('a player who refuses DMs (50007) leaves NOTIFICATION_FAILED and the lead still gets a 200', async () => {
    const player = t.discord.user();
    t.discord.closeDms(player.id);
    const number = await caseFor(player.id);

    const res = await patch(number, { status: 'RESOLVED' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('RESOLVED');
    await settled();

    expect(t.discord.dmMessages(player.id)).toEqual([]);
    const failed = (await events(number)).filter((e) => e.type === 'NOTIFICATION_FAILED');
    expect(failed).toEqual([
      expect.objectContaining({ actor: 'discord-bot', data: { kind: 'status_changed', reason: 'dm_closed', discordCode: RESTJSONErrorCodes.CannotSendMessagesToThisUser } }),
    ]);
  });

  it('no mutual guild (50278) is also "dm_closed"; a Discord outage is "unavailable"', async () => {
    const stranger = t.discord.user();
    t.discord.closeDms(stranger.id, { at: 'open', code: 50278 });
    const first = await caseFor(stranger.id);
    await patch(first, { status: 'WAITING' });

    const player = t.discord.user();
    const second = await caseFor(player.id);
    t.discord.failNext({ method: 'POST', route: '/channels/{channel_id}/messages' }, { status: 502, times: 4 });
    await patch(second, { status: 'CLOSED' });
    await settled();

    expect((await events(first)).find((e) => e.type === 'NOTIFICATION_FAILED')?.data).toEqual({ kind: 'status_changed', reason: 'dm_closed', discordCode: 50278 });
    expect((await events(second)).find((e) => e.type === 'NOTIFICATION_FAILED')?.data).toEqual({ kind: 'status_changed', reason: 'unavailable', discordCode: null });
  });

  it('cases without a Discord reporter, and changes that are not status changes, send nothing', async () => {
    const player = t.discord.user();
    const before = t.discord.requestsTo('/channels/{channel_id}/messages', 'POST').length;
    const anonymous = await caseFor(undefined);
    const withReporter = await caseFor(player.id);

    await patch(anonymous, { status: 'IN_PROGRESS' });
    await patch(withReporter, { priority: 'HIGH', assignee: 'lee' });
    await settled();

    expect(t.discord.requestsTo('/channels/{channel_id}/messages', 'POST')).toHaveLength(before);
    for (const number of [anonymous, withReporter]) {
      expect((await events(number)).filter((e) => e.type.startsWith('NOTIF'))).toEqual([]);
    }
  });

  it('the DM channel is opened once per player and reused', async () => {
    const player = t.discord.user();
    const number = await caseFor(player.id);
    await patch(number, { status: 'IN_PROGRESS' });
    await settled();
    await patch(number, { status: 'RESOLVED' });
    await settled();

    expect(t.discord.dmMessages(player.id).map((m) => m.embeds[0].description)).toEqual(['Your case is now **In progress**.', 'Your case is now **Resolved**.']);
    expect(t.discord.requestsTo('/users/@me/channels', 'POST').filter((r) => r.body.recipient_id === player.id)).toHaveLength(1);
  });
});
