import { ChannelType, Client, Events, GatewayIntentBits, Message, Partials, REST } from 'discord.js';
import { ButtonStyle, ComponentType, GatewayOpcodes, InteractionResponseType, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { DiscordRestMessenger } from '../../src/discord/discord-rest.messenger';
import { FakeDiscord } from '../fakes/discord';

/**
 * The messenger through the real @discordjs/rest client, and the fake's own behaviour (errors,
 * rate limits, latency, DMs and buttons over the gateway) that other suites and benchmarks rely on.
 */
describe('DiscordRestMessenger against the fake Discord', () => {
  let fake: FakeDiscord;
  let messenger: DiscordRestMessenger;
  const clients: Client[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    messenger = new DiscordRestMessenger(new REST({ api: fake.restUrl }).setToken(fake.token));
  });

  afterAll(async () => {
    for (const client of clients) await client.destroy();
    await fake.close();
  });

  const messagesTo = () => fake.requestsTo('/channels/{channel_id}/messages', 'POST');

  it('opens the DM once, then sends embeds and buttons without allowing mentions', async () => {
    const player = fake.user();
    const embed = { title: 'Hello', description: 'World' };
    const components = [{ type: ComponentType.ActionRow as const, components: [{ type: ComponentType.Button as const, style: ButtonStyle.Primary as const, custom_id: 'agent', label: 'Agent' }] }];
    const first = await messenger.sendDm(player.id, { content: 'Hi @everyone', embeds: [embed], components });
    const second = await messenger.sendDm(player.id, { content: 'Again' });

    expect(second.channelId).toBe(first.channelId);
    expect(fake.requestsTo('/users/@me/channels', 'POST').filter((r) => r.body.recipient_id === player.id)).toHaveLength(1);
    const [sent] = fake.dmMessages(player.id);
    expect(sent).toMatchObject({ id: first.messageId, content: 'Hi @everyone', embeds: [embed], components });
    expect(messagesTo().find((r) => r.body.content === 'Hi @everyone')?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('sends files as multipart: the fake records their bytes and serves them back', async () => {
    const channelId = fake.channel('general');
    const data = Buffer.from('transcript line 1\nline 2\n');
    await messenger.sendToChannel(channelId, { content: 'Transcript attached', files: [{ name: 'transcript.txt', data, contentType: 'text/plain' }] });

    const request = messagesTo().at(-1)!;
    expect(request.body).toMatchObject({ content: 'Transcript attached', attachments: [{ id: 0, filename: 'transcript.txt' }] });
    expect(request.files).toEqual([expect.objectContaining({ field: 'files[0]', name: 'transcript.txt' })]);
    expect(request.files[0].data.equals(data)).toBe(true);
    const message = request.response as { attachments: { url: string }[] };
    const download = await fetch(message.attachments[0].url);
    expect(Buffer.from(await download.arrayBuffer()).equals(data)).toBe(true);
  });

  it('honours nonce + enforce_nonce as Discord documents: the same nonce from the same author returns the first message', async () => {
    const player = fake.user();
    const first = await messenger.sendDm(player.id, { content: 'once', nonce: 'chat-1234-42' });
    const again = await messenger.sendDm(player.id, { content: 'once (retried)', nonce: 'chat-1234-42' });
    const other = await messenger.sendDm(player.id, { content: 'another', nonce: 'chat-1234-43' });

    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    expect(fake.dmMessages(player.id).map((m) => m.content)).toEqual(['once', 'another']);
    expect(messagesTo().filter((r) => r.body.nonce === 'chat-1234-42').map((r) => r.body.enforce_nonce)).toEqual([true, true]);
    expect((messagesTo().at(-1)!.response as { nonce?: string }).nonce).toBe('chat-1234-43');
  });

  it('without enforce_nonce, or once the nonce window is over, a repeated nonce makes a new message; a nonce over 25 characters is refused', async () => {
    const rest = new REST({ api: fake.restUrl }).setToken(fake.token);
    const channelId = fake.channel('general');
    const post = (body: Record<string, unknown>) => rest.post(`/channels/${channelId}/messages`, { body }) as Promise<{ id: string }>;
    const a = await post({ content: 'a', nonce: 'plain' });
    const b = await post({ content: 'b', nonce: 'plain' });
    expect(b.id).not.toBe(a.id);

    const windowMs = fake.options.nonceWindowMs;
    try {
      fake.options.nonceWindowMs = 0;
      const c = await post({ content: 'c', nonce: 'windowed', enforce_nonce: true });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const d = await post({ content: 'd', nonce: 'windowed', enforce_nonce: true });
      expect(d.id).not.toBe(c.id);
    } finally {
      fake.options.nonceWindowMs = windowMs;
    }
    await expect(post({ content: 'e', nonce: 'x'.repeat(26), enforce_nonce: true })).rejects.toMatchObject({ status: 400, code: RESTJSONErrorCodes.InvalidFormBodyOrContentType });
  });

  it('maps refused DMs to discord_dm_closed with Discord code (50007 on send, 50278 on open)', async () => {
    const blocked = fake.user();
    fake.closeDms(blocked.id);
    await expect(messenger.sendDm(blocked.id, { content: 'x' })).rejects.toMatchObject({ code: 'discord_dm_closed', status: 422, discordCode: RESTJSONErrorCodes.CannotSendMessagesToThisUser });

    const stranger = fake.user();
    fake.closeDms(stranger.id, { at: 'open', code: 50278 });
    await expect(messenger.openDm(stranger.id)).rejects.toMatchObject({ code: 'discord_dm_closed', discordCode: 50278 });
  });

  it('survives 5xx that recover (discord.js retries), and maps lasting ones to discord_unavailable', async () => {
    const channelId = fake.channel('general');
    fake.failNext({ method: 'POST', route: '/channels/{channel_id}/messages' }, { status: 500, times: 2 });
    const before = messagesTo().length;
    await messenger.sendToChannel(channelId, { content: 'after two failures' });
    expect(messagesTo().slice(before).map((r) => r.status)).toEqual([500, 500, 200]);

    fake.failNext({ method: 'POST', route: '/channels/{channel_id}/messages' }, { status: 503, times: 4 });
    await expect(messenger.sendToChannel(channelId, { content: 'never' })).rejects.toMatchObject({ code: 'discord_unavailable', status: 503 });
  });

  it('maps other refusals to discord_error and reopens a DM channel Discord no longer knows', async () => {
    fake.failNext({ route: '/channels/{channel_id}/messages' }, { status: 403, body: { code: RESTJSONErrorCodes.MissingAccess, message: 'Missing Access' } });
    await expect(messenger.sendToChannel(fake.channel('general'), { content: 'x' })).rejects.toMatchObject({ code: 'discord_error', discordCode: 50001 });

    const player = fake.user();
    await messenger.sendDm(player.id, { content: 'first' });
    fake.failNext({ route: '/channels/{channel_id}/messages' }, { status: 404, body: { code: RESTJSONErrorCodes.UnknownChannel, message: 'Unknown Channel' } });
    await messenger.sendDm(player.id, { content: 'second' });
    expect(fake.dmMessages(player.id).map((m) => m.content)).toEqual(['first', 'second']);
    expect(fake.requestsTo('/users/@me/channels', 'POST').filter((r) => r.body.recipient_id === player.id)).toHaveLength(2);
  });

  it('applies a global rate limit with 429 + retry_after; discord.js waits and every message gets through', async () => {
    const channelId = fake.channel('general');
    fake.setGlobalRateLimit(5);
    try {
      const before = messagesTo().length;
      const started = Date.now();
      await Promise.all(Array.from({ length: 8 }, (_, i) => messenger.sendToChannel(channelId, { content: `burst ${i}` })));
      const requests = messagesTo().slice(before);
      const limited = requests.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0].response).toMatchObject({ global: true, message: 'You are being rate limited.' });
      expect(requests.filter((r) => r.status === 200)).toHaveLength(8);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    } finally {
      fake.setGlobalRateLimit(null);
    }
  });

  it('counts the global limit per bot token across every client, with the global 429 headers', async () => {
    fake.setGlobalRateLimit(3);
    try {
      // Four concurrent requests on separate connections, outside discord.js: one count for the token.
      const raw = () => fetch(`${fake.restUrl}/v10/users/@me`, { headers: { authorization: `Bot ${fake.token}`, connection: 'close' } });
      const responses = await Promise.all([raw(), raw(), raw(), raw()]);
      const limited = responses.filter((r) => r.status === 429);
      expect(limited).toHaveLength(1);
      expect(limited[0].headers.get('x-ratelimit-global')).toBe('true');
      expect(limited[0].headers.get('x-ratelimit-scope')).toBe('global');
      expect(await limited[0].json()).toMatchObject({ global: true, retry_after: expect.any(Number) });
    } finally {
      fake.setGlobalRateLimit(null);
    }
  });

  it('adds configured latency', async () => {
    fake.setLatency(300, { method: 'POST', route: '/channels/{channel_id}/messages' });
    try {
      const started = Date.now();
      await messenger.sendToChannel(fake.channel('general'), { content: 'slow' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    } finally {
      fake.clearLatency();
    }
  });

  it('reports an unreachable Discord as discord_unavailable', async () => {
    const gone = await FakeDiscord.start();
    const url = gone.restUrl;
    await gone.close();
    const offline = new DiscordRestMessenger(new REST({ api: url, retries: 0 }).setToken('x.y.z'));
    await expect(offline.openDm('123456789012345678')).rejects.toMatchObject({ code: 'discord_unavailable', status: 503 });
  });

  async function login(intents: GatewayIntentBits[]): Promise<Client> {
    const client = new Client({ intents, partials: [Partials.Channel], rest: { api: fake.restUrl } });
    clients.push(client);
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(fake.token);
    await ready;
    return client;
  }

  it('delivers a DM (MESSAGE_CREATE, no guild) only to clients with the DirectMessages intent', async () => {
    const withDms = await login([GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages]);
    const withoutDms = await login([GatewayIntentBits.Guilds]);
    const seen = { withDms: [] as Message[], withoutDms: [] as Message[] };
    withDms.on(Events.MessageCreate, (m) => seen.withDms.push(m));
    withoutDms.on(Events.MessageCreate, (m) => seen.withoutDms.push(m));

    const player = fake.user({ username: 'hana', globalName: 'Hana' });
    const sent = fake.dispatchMessage({ user: player, content: 'My account is locked' });
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(seen.withoutDms).toEqual([]);
    expect(seen.withDms).toHaveLength(1);
    const [message] = seen.withDms;
    expect(message.id).toBe(sent.id);
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.guildId).toBeNull();
    expect(message.content).toBe('My account is locked');
    expect(message.author).toMatchObject({ id: player.id, username: 'hana', globalName: 'Hana' });
    await withoutDms.destroy();
  });

  it('delivers button clicks as ButtonInteraction and records the update callback', async () => {
    const client = clients[0];
    const player = fake.user();
    const { messageId, channelId } = await messenger.sendDm(player.id, { content: 'Need a human?' });
    const botMessage = fake.dmMessages(player.id).find((m) => m.id === messageId)!;
    client.once(Events.InteractionCreate, (interaction) => {
      if (interaction.isButton() && interaction.customId === 'agent') void interaction.update({ content: 'Transferring…', components: [] });
    });

    const click = fake.dispatchInteraction(fake.button({ customId: 'agent', user: player, message: botMessage }));
    const callback = await fake.waitFor((r) => r.params.interaction_token === click.token);
    expect(callback.body).toMatchObject({ type: InteractionResponseType.UpdateMessage, data: { content: 'Transferring…' } });
    expect(fake.dmMessages(player.id).find((m) => m.id === messageId)?.content).toBe('Transferring…');
    expect(click.channel_id).toBe(channelId);
  });

  it("enforces Discord's interaction rules: one acknowledgement, within the time limit", async () => {
    const player = fake.user();
    const callback = (interaction: { id: string; token: string }) =>
      fetch(`${fake.restUrl}/v10/interactions/${interaction.id}/${interaction.token}/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: InteractionResponseType.DeferredMessageUpdate }),
      });
    // nobody handles "ignored": the test answers by hand
    const first = fake.dispatchInteraction(fake.button({ customId: 'ignored', user: player }));
    expect((await callback(first)).status).toBe(204);
    const again = await callback(first);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, message: 'Interaction has already been acknowledged.' });

    const limit = fake.options.interactionTimeoutMs;
    fake.options.interactionTimeoutMs = 50;
    try {
      const late = fake.dispatchInteraction(fake.button({ customId: 'ignored', user: player }));
      await new Promise((resolve) => setTimeout(resolve, 80));
      const res = await callback(late);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: RESTJSONErrorCodes.UnknownInteraction, message: 'Unknown interaction' });
    } finally {
      fake.options.interactionTimeoutMs = limit;
    }
  });

  it('acknowledges heartbeats, so the client keeps its session', async () => {
    const quick = await FakeDiscord.start({ heartbeatIntervalMs: 100 });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: quick.restUrl } });
    try {
      await client.login(quick.token);
      await quick.waitForGateway((p) => p.op === GatewayOpcodes.Heartbeat);
      await new Promise((resolve) => setTimeout(resolve, 350));
      const ops = quick.gatewayPayloads.map((p) => p.op);
      expect(ops.filter((op) => op === GatewayOpcodes.Heartbeat).length).toBeGreaterThanOrEqual(2);
      // a missed ACK would make discord.js reconnect (RESUME) or identify again
      expect(ops.filter((op) => op === GatewayOpcodes.Identify || op === GatewayOpcodes.Resume)).toEqual([GatewayOpcodes.Identify]);
      expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    } finally {
      await client.destroy();
      await quick.close();
    }
  });

  it('refuses privileged intents the application was not granted (close 4014)', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.MessageContent], rest: { api: fake.restUrl } });
    clients.push(client);
    await expect(client.login(fake.token)).rejects.toThrow();
  });
});
