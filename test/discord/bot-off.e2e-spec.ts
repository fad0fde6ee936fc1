import { CaseEventsBus } from '../../src/cases/case-events.bus';
import { DiscordMessenger } from '../../src/discord/discord-messenger';
import { Role } from '../../src/generated/prisma/enums';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Without DISCORD_TOKEN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ DISCORD_TOKEN: '' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('boots and is ready', async () => {
    expect(t.config.DISCORD_TOKEN).toBeUndefined();
    const res = await t.request({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready' });
  });

  it('answers "discord_unavailable" to anything that tries to message a player', async () => {
    const messenger = t.app.get(DiscordMessenger);
    await expect(messenger.sendDm('123456789012345678', { content: 'hi' })).rejects.toMatchObject({ code: 'discord_unavailable', status: 503 });
    await expect(messenger.openDm('123456789012345678')).rejects.toMatchObject({ code: 'discord_unavailable' });
  });

  it('still lets leads change cases of Discord reporters, without notification events', async () => {
    const lead = await t.keyFor(Role.LEAD);
    const created = await t.request({
      method: 'POST',
      url: '/api/cases',
      headers: lead,
      payload: { type: 'BUG', title: 'Offline bot', description: 'Filed while the bot is off', reporterId: '123456789012345678', reporterName: 'Gus' },
    });
    const number = created.json().number;
    const res = await t.request({ method: 'PATCH', url: `/api/cases/${number}`, headers: lead, payload: { status: 'IN_PROGRESS' } });
    expect(res.statusCode).toBe(200);
    await t.app.get(CaseEventsBus).settled();
    const events = (await t.request({ method: 'GET', url: `/api/cases/${number}`, headers: lead })).json().events as { type: string }[];
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'STATUS_CHANGED']);
  });
});
