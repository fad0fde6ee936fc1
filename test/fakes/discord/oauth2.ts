import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { APIGuildMember, APIUser, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { discordError } from './http';
import { guildMember } from './payloads';
import type { RouteResult } from './rest-routes';

/**
 * Discord's OAuth2 authorization-code grant, as documented (developers docs, Topics > OAuth2):
 * - GET /api/oauth2/authorize: the user approves in their browser; Discord redirects to the
 *   registered redirect_uri with ?code=…&state=… (here: at once, as a user who approved before and
 *   is sent straight back with prompt=none), or with ?error=… when the request is bad.
 * - POST /api/oauth2/token (application/x-www-form-urlencoded, client credentials by HTTP Basic or
 *   in the body): a code is good once, for ten minutes, with the same redirect_uri; errors are
 *   RFC 6749 bodies ({"error":"invalid_grant"}).
 * - GET /api/v10/users/@me (scope identify) and /users/@me/guilds/{guild.id}/member (scope
 *   guilds.members.read; 404 Unknown Guild when the user is not a member) with "Bearer <token>".
 */
export class FakeOAuth2 {
  private readonly apps = new Map<string, { secret: string; redirectUris: string[] }>();
  private readonly codes = new Map<string, { clientId: string; userId: string; redirectUri: string; scopes: string[]; expiresAt: number }>();
  private readonly tokens = new Map<string, { userId: string; scopes: string[] }>();
  private readonly members = new Map<string, APIGuildMember>();
  /** Who is signed in to discord.com in "the browser" that follows the authorize redirect. */
  private browserUser: APIUser | null = null;

  constructor(private readonly userFor: (id: string) => APIUser) {}

  registerApp(input: { clientId: string; clientSecret: string; redirectUris: string[] }): void {
    this.apps.set(input.clientId, { secret: input.clientSecret, redirectUris: input.redirectUris });
  }

  /** null: nobody approves (Discord redirects back with error=access_denied). */
  signInAs(user: APIUser | null): void {
    this.browserUser = user;
  }

  /** Makes the user a member of the guild with these roles (and server nickname). */
  setMember(guildId: string, user: APIUser, input: { roles: string[]; nick?: string | null }): void {
    this.members.set(`${guildId}:${user.id}`, { ...guildMember(user, new Date().toISOString()), roles: input.roles, nick: input.nick ?? null });
  }

  /** The result for an OAuth2 request, or null when the request is not one (the bot API handles it). */
  handle(method: string, url: URL, headers: IncomingHttpHeaders, raw: Buffer): RouteResult | null {
    if (method === 'GET' && url.pathname === '/api/oauth2/authorize') return this.authorize(url.searchParams);
    if (method === 'POST' && url.pathname === '/api/oauth2/token') return this.token(headers, raw);
    const bearer = /^Bearer (\S+)$/.exec(headers.authorization ?? '');
    if (!bearer || method !== 'GET') return null;
    if (url.pathname === '/api/v10/users/@me') return this.withToken(bearer[1], 'identify', (userId) => ({ status: 200, body: this.userFor(userId) }));
    const member = /^\/api\/v10\/users\/@me\/guilds\/(\d+)\/member$/.exec(url.pathname);
    if (member) {
      return this.withToken(bearer[1], 'guilds.members.read', (userId) => {
        const found = this.members.get(`${member[1]}:${userId}`);
        return found ? { status: 200, body: found } : { status: 404, body: discordError(RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild') };
      });
    }
    return null;
  }

  private authorize(query: URLSearchParams): RouteResult {
    const app = this.apps.get(query.get('client_id') ?? '');
    const redirectUri = query.get('redirect_uri') ?? '';
    // Without a known client or a registered redirect URI Discord shows an error page instead of redirecting.
    if (!app || !app.redirectUris.includes(redirectUri)) return { status: 400, body: { message: 'Invalid OAuth2 redirect_uri', code: 50035 } };
    const back = new URL(redirectUri);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const scopes = (query.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    if (query.get('response_type') !== 'code') back.searchParams.set('error', 'unsupported_response_type');
    else if (scopes.length === 0) back.searchParams.set('error', 'invalid_scope');
    else if (!this.browserUser) back.searchParams.set('error', 'access_denied');
    else {
      const code = randomBytes(15).toString('base64url');
      this.codes.set(code, { clientId: query.get('client_id')!, userId: this.browserUser.id, redirectUri, scopes, expiresAt: Date.now() + 600_000 });
      back.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: back.toString() } };
  }

  private token(headers: IncomingHttpHeaders, raw: Buffer): RouteResult {
    if (!headers['content-type']?.startsWith('application/x-www-form-urlencoded')) return { status: 400, body: { error: 'invalid_request' } };
    const form = new URLSearchParams(raw.toString('utf8'));
    const basic = /^Basic (\S+)$/.exec(headers.authorization ?? '');
    const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [form.get('client_id'), form.get('client_secret')];
    const app = this.apps.get(clientId ?? '');
    if (!app || app.secret !== clientSecret) return { status: 401, body: { error: 'invalid_client' } };
    if (form.get('grant_type') !== 'authorization_code') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const code = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    if (!code || code.clientId !== clientId || code.expiresAt < Date.now() || code.redirectUri !== form.get('redirect_uri')) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid "code" in request.' } };
    }
    const accessToken = randomBytes(20).toString('base64url');
    this.tokens.set(accessToken, { userId: code.userId, scopes: code.scopes });
    return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: 604800, refresh_token: randomBytes(20).toString('base64url'), scope: code.scopes.join(' ') } };
  }

  private withToken(token: string, scope: string, run: (userId: string) => RouteResult): RouteResult {
    const grant = this.tokens.get(token);
    if (!grant) return { status: 401, body: discordError(0, '401: Unauthorized') };
    if (!grant.scopes.includes(scope)) return { status: 403, body: discordError(RESTJSONErrorCodes.MissingAccess, 'Missing Access') };
    return run(grant.userId);
  }
}
