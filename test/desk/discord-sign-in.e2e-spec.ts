import { FakeDiscord, snowflake } from '../fakes/discord';
import { createTestApp, TestApp } from '../utils/test-app';

/** "Sign in with Discord": the OAuth2 code flow against the fake Discord; staff get an agent session under their server name. */
describe('desk: sign in with Discord', () => {
  const PUBLIC_URL = 'http://desk.test';
  const CALLBACK = `${PUBLIC_URL}/desk/auth/discord/callback`;
  const staffRole = snowflake();
  let discord: FakeDiscord;
  let t: TestApp;

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    const clientId = snowflake();
    discord.oauth2.registerApp({ clientId, clientSecret: 'client-secret-for-tests', redirectUris: [CALLBACK] });
    t = await createTestApp({
      PUBLIC_URL,
      DISCORD_API_URL: discord.restUrl,
      DISCORD_CLIENT_ID: clientId,
      DISCORD_CLIENT_SECRET: 'client-secret-for-tests',
      DISCORD_GUILD_ID: discord.guild.id,
      DISCORD_STAFF_ROLE_ID: staffRole,
    });
  });
  afterAll(async () => {
    await t.close();
    await discord.close();
  });

  /** What a browser does: start, follow Discord's redirect, come back to the callback with the state cookie. */
  async function signInFlow() {
    const start = await t.request({ method: 'GET', url: '/desk/auth/discord' });
    expect(start.statusCode).toBe(302);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.searchParams.get('scope')).toBe('identify guilds.members.read');
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK);
    const stateCookie = String(start.headers['set-cookie']).split(';')[0];
    expect(String(start.headers['set-cookie'])).toMatch(/SameSite=Lax/);
    const atDiscord = await fetch(authorize, { redirect: 'manual' });
    expect(atDiscord.status).toBe(302);
    const back = new URL(atDiscord.headers.get('location')!);
    return t.request({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: stateCookie } });
  }

  it('gives a staff member an agent session under their server nickname', async () => {
    const user = discord.user({ username: 'mira_dev', globalName: 'Mira' });
    discord.oauth2.setMember(discord.guild.id, user, { roles: [staffRole], nick: 'Mira (Support)' });
    discord.oauth2.signInAs(user);
    const callback = await signInFlow();
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/desk');
    const cookie = String(callback.headers['set-cookie']).match(/desk_session=[^;]+/)![0];
    const me = await t.request({ method: 'GET', url: '/api/session', headers: { cookie } });
    expect(me.json()).toMatchObject({ name: 'Mira (Support)', role: 'AGENT', via: 'discord' });
    const row = await t.prisma.session.findFirstOrThrow({ where: { discordUserId: user.id } });
    expect(row.apiKeyId).toBeNull();
    // The fake saw the documented calls: the code exchange with client credentials, then the user's bearer token.
    const token = discord.requests.find((r) => r.path === '/api/oauth2/token')!;
    expect(token.status).toBe(200);
    expect(token.authorization).toMatch(/^Basic /);
  });

  it('refuses a member without the staff role, and a callback whose state does not match', async () => {
    const user = discord.user({ username: 'player_only' });
    discord.oauth2.setMember(discord.guild.id, user, { roles: [] });
    discord.oauth2.signInAs(user);
    const refused = await signInFlow();
    expect(refused.headers.location).toBe('/desk?signin=not_staff');
    expect(String(refused.headers['set-cookie'] ?? '')).not.toMatch(/desk_session=[^;]/);

    const forged = await t.request({ method: 'GET', url: '/desk/auth/discord/callback?code=abc&state=forged', headers: { cookie: 'desk_oauth_state=other' } });
    expect(forged.headers.location).toBe('/desk?signin=discord_state');

    // Nobody signed in to Discord: the fake answers access_denied, as Discord does when the user declines.
    discord.oauth2.signInAs(null);
    expect((await signInFlow()).headers.location).toBe('/desk?signin=discord_denied');
  });

  it('says whether Discord sign-in is offered', async () => {
    expect((await t.request({ method: 'GET', url: '/api/session/providers' })).json()).toEqual({ apiKey: true, discord: true });
  });
});
