import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';

export interface StaffMember {
  discordUserId: string;
  displayName: string;
}

/** Scopes: who the user is, and their membership (roles, server nickname) in our server. */
export const OAUTH_SCOPES = 'identify guilds.members.read';

const failed = (what: string, status: number) => new DomainError('discord_sign_in_failed', 502, `Discord sign-in failed: ${what} answered ${status}`);

/**
 * Discord's OAuth2 authorization-code flow, as documented (Topics > OAuth2): the authorize URL, the
 * token exchange with the client's credentials, then GET /users/@me and
 * GET /users/@me/guilds/{guild.id}/member with the user's bearer token.
 */
@Injectable()
export class DiscordOAuthClient {
  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.DISCORD_CLIENT_ID !== undefined;
  }

  authorizeUrl(redirectUri: string, state: string): string {
    const query = new URLSearchParams({ response_type: 'code', client_id: this.config.DISCORD_CLIENT_ID!, scope: OAUTH_SCOPES, redirect_uri: redirectUri, state, prompt: 'none' });
    return `${this.config.DISCORD_API_URL}/oauth2/authorize?${query}`;
  }

  /** The signed-in user if they are in the server and hold the staff role; null when they are not staff. */
  async staffMember(code: string, redirectUri: string): Promise<StaffMember | null> {
    const token = await this.exchange(code, redirectUri);
    const user = await this.get<{ id: string; username: string; global_name?: string | null }>('/users/@me', token);
    const member = await this.get<{ nick?: string | null; roles: string[] } | null>(`/users/@me/guilds/${this.config.DISCORD_GUILD_ID}/member`, token, true);
    if (!member || !member.roles.includes(this.config.DISCORD_STAFF_ROLE_ID!)) return null;
    return { discordUserId: user.id, displayName: member.nick || user.global_name || user.username };
  }

  private async exchange(code: string, redirectUri: string): Promise<string> {
    const response = await fetch(`${this.config.DISCORD_API_URL}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${this.config.DISCORD_CLIENT_ID}:${this.config.DISCORD_CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw failed('the token exchange', response.status);
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw failed('the token exchange', response.status);
    return body.access_token;
  }

  /** GET on Discord's v10 API with the user's token; `notFoundIsNull` for "not a member" (404, code 10004/10007). */
  private async get<T>(path: string, token: string, notFoundIsNull = false): Promise<T> {
    const response = await fetch(`${this.config.DISCORD_API_URL}/v10${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
    if (notFoundIsNull && response.status === 404) return null as T;
    if (!response.ok) throw failed(path, response.status);
    return (await response.json()) as T;
  }
}
