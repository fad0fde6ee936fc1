import { DiscordAPIError, REST, Routes } from 'discord.js';
import { APIMessage, ChannelType, PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { FakeDiscord, GuildMessages, snowflake, ThreadPayload } from '../fakes/discord';

/** The fake's threads (create_thread, update_channel, thread members) and their permission checks, through @discordjs/rest. */
describe('Fake Discord: threads, forum posts, archive and lock, permissions', () => {
  let fake: FakeDiscord;
  let rest: REST;
  const guildId = snowflake();
  const botRoleId = snowflake();

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      guilds: [
        {
          id: guildId,
          roles: [{ id: botRoleId, name: 'Bot', permissions: String(PermissionFlagsBits.ManageThreads), bot: true }],
          channels: [
            { name: 'staff' },
            { name: 'forum', type: ChannelType.GuildForum },
            { name: 'no-threads', permissionOverwrites: [{ id: guildId, type: 0, allow: '0', deny: String(PermissionFlagsBits.CreatePrivateThreads) }] },
            { name: 'no-manage', permissionOverwrites: [{ id: botRoleId, type: 0, allow: '0', deny: String(PermissionFlagsBits.ManageThreads) }] },
          ],
        },
      ],
    });
    rest = new REST({ api: fake.restUrl, retries: 0 }).setToken(fake.token);
  });
  afterAll(() => fake.close());

  const codeOf = (promise: Promise<unknown>) => promise.then(() => null, (error: DiscordAPIError) => error.code);
  const thread = (channel: string, body: Record<string, unknown>) => rest.post(Routes.threads(fake.channel(channel)), { body }) as Promise<ThreadPayload & { message?: APIMessage }>;

  it('a thread in a text channel is private by default (201), has the bot as member, and takes messages', async () => {
    const created = await thread('staff', { name: '#1 · Léa · fr' });
    expect(created).toMatchObject({ type: ChannelType.PrivateThread, parent_id: fake.channel('staff'), owner_id: fake.botUser.id, thread_metadata: { archived: false, locked: false } });
    expect(fake.requestsTo('/channels/{channel_id}/threads', 'POST').at(-1)!.status).toBe(201);
    const members = (await rest.get(Routes.threadMembers(created.id))) as { user_id: string }[];
    expect(members.map((m) => m.user_id)).toEqual([fake.botUser.id]);
    const posted = (await rest.post(Routes.channelMessages(created.id), { body: { content: 'hello' } })) as APIMessage;
    expect(new GuildMessages(fake).messages(created.id).map((m) => m.id)).toEqual([posted.id]);
  });

  it('a forum post needs a starter message, whose id is the thread id', async () => {
    expect(await codeOf(thread('forum', { name: 'no message' }))).toBe(RESTJSONErrorCodes.InvalidFormBodyOrContentType);
    const post = await thread('forum', { name: 'Case #2', message: { content: 'starter' }, applied_tags: [] });
    expect(post.type).toBe(ChannelType.PublicThread);
    expect(post.message!.id).toBe(post.id);
    expect(post.message!.content).toBe('starter');
  });

  it('refuses without Create Private Threads, an empty name, and a lock without Manage Threads', async () => {
    expect(await codeOf(thread('no-threads', { name: 'x' }))).toBe(RESTJSONErrorCodes.MissingPermissions);
    expect(await codeOf(thread('staff', { name: '' }))).toBe(RESTJSONErrorCodes.InvalidFormBodyOrContentType);
    const unmanaged = await thread('no-manage', { name: 'y' });
    expect(await codeOf(rest.patch(Routes.channel(unmanaged.id), { body: { locked: true } }))).toBe(RESTJSONErrorCodes.MissingPermissions);
  });

  it('archives and locks a thread; a member cannot be added to an archived one', async () => {
    const created = await thread('staff', { name: 'to close' });
    const updated = (await rest.patch(Routes.channel(created.id), { body: { archived: true, locked: true } })) as ThreadPayload;
    expect(updated.thread_metadata).toMatchObject({ archived: true, locked: true });
    expect(await codeOf(rest.put(Routes.threadMembers(created.id, snowflake())))).toBe(RESTJSONErrorCodes.InvalidActionOnArchivedThread);
  });
});
