import { randomBytes } from 'node:crypto';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import type { FakeDiscord } from './fake-discord';
import { apiUser, guildCreatePayload } from './payloads';

/** The application object (GET /applications/@me) and READY + GUILD_CREATE as the gateway sends them. */
export function applicationPayload(fake: FakeDiscord) {
  return {
    id: fake.applicationId,
    name: 'Support Bridge (fake)',
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: false,
    bot_require_code_grant: false,
    verify_key: randomBytes(32).toString('hex'),
    flags: 0,
    owner: apiUser({ username: 'owner' }),
    team: null,
    bot: fake.botUser,
    install_params: { scopes: ['bot', 'applications.commands'], permissions: '2147535872' },
  };
}

export function readyPayload(fake: FakeDiscord, sessionId: string) {
  const joinedAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
  return {
    ready: {
      v: 10,
      user: fake.botUser,
      guilds: fake.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: sessionId,
      session_type: 'normal',
      resume_gateway_url: fake.gatewayUrl,
      shard: [0, 1],
      application: { id: fake.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      user_settings: {},
      guild_join_requests: [],
      auth: {},
    },
    after: fake.guilds.map((g) => ({ t: GatewayDispatchEvents.GuildCreate, d: guildCreatePayload(g, fake.botUser, joinedAt) })),
  };
}
