import { Role } from '../../src/generated/prisma/enums';
import { JobQueue } from '../../src/queue/job-queue';
import { snowflake } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { announcementServer, AnnouncementTestApp, createAnnouncementTestApp } from './announcement-test-app';

describe('Announcements through the REST API', () => {
  const server = announcementServer();
  let t: AnnouncementTestApp;
  let lead: { authorization: string };

  beforeAll(async () => {
    t = await createAnnouncementTestApp(server, { QUEUE_MAX_ATTEMPTS: '3' });
    lead = await t.keyFor(Role.LEAD, 'community-cam');
  });

  afterAll(async () => {
    await t?.close();
  });

  const messages = (channelId = server.announcementsId) => t.discord.channels.get(channelId)!.messages;
  const post = (payload: Record<string, unknown>, headers = lead) => t.request({ method: 'POST', url: '/api/announcements', headers, payload });
  const get = async (id: string) => (await t.request({ method: 'GET', url: `/api/announcements/${id}`, headers: lead })).json();

  it('posts at once as an embed with the role mention, crossposts it, and editing it through the API edits the Discord message', async () => {
    const role = '123456789012345678';
    const res = await post({ title: 'Season 3 is live', body: 'New maps, new ranks.', imageUrl: 'https://game.example/s3.png', mentionRoleId: role });
    expect(res.statusCode).toBe(201);
    const { id } = res.json();

    const message = await eventually(() => messages().find((m) => m.embeds[0]?.title === 'Season 3 is live'), 10_000, 'the announcement in #announcements');
    expect(message.embeds[0]).toMatchObject({ description: 'New maps, new ranks.', image: { url: 'https://game.example/s3.png' } });
    expect(message.content).toBe(`<@&${role}>`);
    const create = t.discord.requestsTo('/channels/{channel_id}/messages', 'POST').find((r) => r.response && (r.response as { id: string }).id === message.id)!;
    expect(create.body).toMatchObject({ allowed_mentions: { parse: [], roles: [role] }, enforce_nonce: true });
    await eventually(async () => (await get(id)).crossposted, 10_000, 'the crosspost to be recorded');
    expect(t.discord.requestsTo('/channels/{channel_id}/messages/{message_id}/crosspost', 'POST')).toEqual([
      expect.objectContaining({ params: { channel_id: server.announcementsId, message_id: message.id }, status: 200 }),
    ]);
    expect(messages().find((m) => m.id === message.id)!.flags! & 1).toBe(1); // CROSSPOSTED

    const edited = await t.request({ method: 'PATCH', url: `/api/announcements/${id}`, headers: lead, payload: { title: 'Season 3 is live!', body: 'New maps, new ranks, new skins.' } });
    expect(edited.statusCode).toBe(200);
    await eventually(() => messages().find((m) => m.id === message.id)?.embeds[0]?.title === 'Season 3 is live!', 10_000, 'the Discord message to be edited');
    expect(messages().find((m) => m.id === message.id)!.embeds[0].description).toBe('New maps, new ranks, new skins.');
    await eventually(async () => (await get(id)).inSync, 10_000, 'the edit to be recorded');
    expect(messages().filter((m) => m.embeds[0]?.title?.startsWith('Season 3'))).toHaveLength(1);
  });

  it('deleting a posted announcement deletes its Discord message', async () => {
    const { id } = (await post({ title: 'Maintenance tonight', body: 'Servers down 02:00-03:00 UTC.', channelId: server.newsTextId })).json();
    const message = await eventually(() => messages(server.newsTextId).find((m) => m.embeds[0]?.title === 'Maintenance tonight'), 10_000, 'the post');
    await eventually(async () => (await get(id)).status === 'POSTED', 10_000, 'POSTED to be recorded');
    const res = await t.request({ method: 'DELETE', url: `/api/announcements/${id}`, headers: lead });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('DELETED');
    await eventually(() => !messages(server.newsTextId).some((m) => m.id === message.id), 10_000, 'the Discord message to be deleted');
    // A text channel is not an Announcement channel: nothing to crosspost there.
    expect(t.discord.requestsTo('/channels/{channel_id}/messages/{message_id}/crosspost').filter((r) => r.params.channel_id === server.newsTextId)).toEqual([]);
  });

  it('a scheduled announcement is listed as SCHEDULED, posts at its time, and a withdrawn one never posts', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const kept = (await post({ title: 'Patch notes 3.1', body: 'See the site.', postAt: inAnHour })).json();
    const withdrawn = (await post({ title: 'Withdrawn teaser', body: 'Soon.', postAt: inAnHour })).json();
    expect(kept.status).toBe('SCHEDULED');

    const list = await t.request({ method: 'GET', url: '/api/announcements?status=SCHEDULED', headers: lead });
    expect(list.json().map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([kept.id, withdrawn.id]));
    const cancelled = await t.request({ method: 'DELETE', url: `/api/announcements/${withdrawn.id}`, headers: lead });
    expect(cancelled.json().status).toBe('CANCELLED');

    await new Promise((resolve) => setTimeout(resolve, 300)); // several ticks: not due yet
    expect(messages().some((m) => m.embeds[0]?.title === 'Patch notes 3.1')).toBe(false);

    t.advance(3_600_000 + 1000);
    await eventually(() => messages().find((m) => m.embeds[0]?.title === 'Patch notes 3.1'), 10_000, 'the scheduled post');
    await eventually(async () => (await get(kept.id)).status === 'POSTED', 10_000, 'POSTED');
    expect(messages().some((m) => m.embeds[0]?.title === 'Withdrawn teaser')).toBe(false);
    expect((await get(withdrawn.id)).status).toBe('CANCELLED');
  });

  it('an announcement withdrawn while it is being sent does not stay posted', async () => {
    t.discord.setLatency(400, { method: 'POST', route: '/channels/{channel_id}/messages' });
    try {
      const { id } = (await post({ title: 'Oops, too early', body: 'Not yet.' })).json();
      await new Promise((resolve) => setTimeout(resolve, 100)); // the send is usually under way now
      expect((await t.request({ method: 'DELETE', url: `/api/announcements/${id}`, headers: lead })).statusCode).toBe(200);
      await t.app.get(JobQueue).drain(15_000);
      expect(['CANCELLED', 'DELETED']).toContain((await get(id)).status);
      expect(messages().some((m) => m.embeds[0]?.title === 'Oops, too early')).toBe(false);
    } finally {
      t.discord.clearLatency();
    }
  });

  it('an announcement Discord keeps refusing ends FAILED with the reason, after the queue gave up', async () => {
    const gone = snowflake(); // a channel deleted since
    const { id } = (await post({ title: 'Into the void', body: 'Nobody reads this.', channelId: gone })).json();
    const failed = await eventually(async () => {
      const a = await get(id);
      return a.status === 'FAILED' ? a : null;
    }, 15_000, 'the announcement to fail');
    expect(failed.lastError).toMatch(/Unknown Channel/);
    expect(t.discord.requestsTo('/channels/{channel_id}/messages', 'POST').filter((r) => r.params.channel_id === gone)).toHaveLength(3);
  });

  it('bad input is a 400 problem+json naming each field; other roles and unknown ids are refused', async () => {
    const bad = await post({ title: '', body: 'x', imageUrl: 'http://insecure.example/a.png', postAt: 'tomorrow' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['imageUrl', 'postAt', 'title']);

    const past = await post({ title: 'Late', body: 'x', postAt: '2020-01-01T00:00:00Z' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([{ field: 'postAt', messages: ['postAt must not be in the past'] }]);

    const agent = await t.keyFor(Role.AGENT);
    expect((await post({ title: 'x', body: 'y' }, agent)).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/announcements/feeds', headers: agent })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/announcements/00000000-0000-4000-8000-000000000000', headers: lead })).statusCode).toBe(404);
    // An id that is not a uuid is refused before any lookup (UuidPipe), naming the parameter.
    const notAnId = await t.request({ method: 'PATCH', url: '/api/announcements/not-an-id', headers: lead, payload: { title: 'x' } });
    expect([notAnId.statusCode, notAnId.json().code]).toEqual([400, 'validation_failed']);
    expect((await t.request({ method: 'PATCH', url: '/api/announcements/00000000-0000-4000-8000-000000000000', headers: lead, payload: { title: 'x' } })).statusCode).toBe(404);
    expect((await t.request({ method: 'PATCH', url: '/api/announcements/not-an-id', headers: lead, payload: {} })).statusCode).toBe(400);
  });
});
