import { DiscordAPIError, REST, Routes } from 'discord.js';
import { APIMessage, ChannelType, MessageFlags, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { FakeDiscord } from '../fakes/discord';

/** The fake's announcement-channel behaviour, through the real @discordjs/rest client. */
describe('Fake Discord: Announcement channels, crosspost, delete, nonce', () => {
  let fake: FakeDiscord;
  let rest: REST;

  beforeAll(async () => {
    fake = await FakeDiscord.start({ guilds: [{ channels: [{ name: 'announcements', type: ChannelType.GuildAnnouncement }, { name: 'general' }] }] });
    rest = new REST({ api: fake.restUrl, retries: 0 }).setToken(fake.token);
  });

  afterAll(async () => {
    await fake.close();
  });

  const send = (channelId: string, body: Record<string, unknown>) => rest.post(Routes.channelMessages(channelId), { body }) as Promise<APIMessage>;
  const codeOf = (promise: Promise<unknown>) => promise.then(() => null, (error: DiscordAPIError) => error.code);

  it('shows announcement channels as type 5 and crossposts a message once', async () => {
    const channelId = fake.channel('announcements');
    expect(((await rest.get(Routes.channel(channelId))) as { type: number }).type).toBe(ChannelType.GuildAnnouncement);
    const message = await send(channelId, { content: 'Patch 1.2' });
    const published = (await rest.post(Routes.channelMessageCrosspost(channelId, message.id))) as APIMessage;
    expect(published.id).toBe(message.id);
    expect(published.flags! & MessageFlags.Crossposted).toBe(MessageFlags.Crossposted);
    expect(await codeOf(rest.post(Routes.channelMessageCrosspost(channelId, message.id)))).toBe(RESTJSONErrorCodes.ThisMessageWasAlreadyCrossposted);
  });

  it('refuses to crosspost outside an Announcement channel, and an unknown message', async () => {
    const general = fake.channel('general');
    const message = await send(general, { content: 'Hi' });
    expect(await codeOf(rest.post(Routes.channelMessageCrosspost(general, message.id)))).toBe(RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType);
    expect(await codeOf(rest.post(Routes.channelMessageCrosspost(fake.channel('announcements'), '123456789012345678')))).toBe(RESTJSONErrorCodes.UnknownMessage);
  });

  it('deletes a message (204), then answers Unknown Message', async () => {
    const channelId = fake.channel('general');
    const message = await send(channelId, { content: 'Oops' });
    await rest.delete(Routes.channelMessage(channelId, message.id));
    expect(fake.channels.get(channelId)!.messages.some((m) => m.id === message.id)).toBe(false);
    expect(await codeOf(rest.delete(Routes.channelMessage(channelId, message.id)))).toBe(RESTJSONErrorCodes.UnknownMessage);
  });

  it('returns the first message for a repeated nonce with enforce_nonce, and a new one without it', async () => {
    const channelId = fake.channel('general');
    const first = await send(channelId, { content: 'Once', nonce: 'abc123', enforce_nonce: true });
    const retried = await send(channelId, { content: 'Once', nonce: 'abc123', enforce_nonce: true });
    const unenforced = await send(channelId, { content: 'Once', nonce: 'abc123' });
    expect(retried.id).toBe(first.id);
    expect(unenforced.id).not.toBe(first.id);
  });
});
