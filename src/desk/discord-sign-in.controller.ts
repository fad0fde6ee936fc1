import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblem } from '../operations/api-problem';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DiscordOAuthClient } from './discord-oauth.client';
import { SessionsService } from './sessions.service';
import { clearCookie, isSecure, OAUTH_STATE_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './session-cookie';

const STATE_PATH = '/desk/auth/discord';

/** "Sign in with Discord": staff of the server get an agent session under their server name. */
const LOCATION = (example: string) => ({ Location: { description: 'Where the browser goes next', schema: { type: 'string', example } } });

@ApiTags('desk')
@ApiProblem(404, 'Discord sign-in is not configured (DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET)')
@Controller('desk/auth/discord')
export class DiscordSignInController {
  constructor(
    private readonly discord: DiscordOAuthClient,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "Sign in with Discord: redirects to Discord's authorization page (OAuth2 code flow with a state cookie)" })
  @ApiFoundResponse({ description: "To Discord's authorization page", headers: LOCATION('https://discord.com/oauth2/authorize?response_type=code&…') })
  start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (!this.discord.enabled) throw DomainError.notFound('Discord sign-in (set DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET)');
    const state = randomBytes(24).toString('base64url');
    // Lax: the state must come back on Discord's cross-site redirect to the callback.
    setCookie(reply, OAUTH_STATE_COOKIE, state, { secure: this.secure, maxAgeSeconds: 600, sameSite: 'lax', path: STATE_PATH });
    void reply.redirect(this.discord.authorizeUrl(this.redirectUri(request), state), 302);
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'Where Discord sends the member back: staff get a desk session cookie; every outcome redirects to the desk' })
  @ApiQuery({ name: 'code', required: false, description: "Discord's authorization code" })
  @ApiQuery({ name: 'state', required: false, description: 'Must equal the state cookie set by the start' })
  @ApiQuery({ name: 'error', required: false, description: 'Set by Discord when the member declined' })
  @ApiFoundResponse({ description: 'To /desk, signed in, or to /desk?signin=discord_denied | discord_state | not_staff', headers: LOCATION('/desk?signin=not_staff') })
  async callback(@Query('code') code: unknown, @Query('state') state: unknown, @Query('error') error: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.discord.enabled) throw DomainError.notFound('Discord sign-in');
    const expected = readCookie(request, OAUTH_STATE_COOKIE) ?? '';
    clearCookie(reply, OAUTH_STATE_COOKIE, this.secure, STATE_PATH);
    if (error !== undefined) {
      // The member declined on Discord's page (or Discord refused the request): RFC 6749 §4.1.2.1.
      void reply.redirect('/desk?signin=discord_denied', 302);
      return;
    }
    if (typeof code !== 'string' || typeof state !== 'string' || !sameText(state, expected)) {
      void reply.redirect('/desk?signin=discord_state', 302);
      return;
    }
    const member = await this.discord.staffMember(code, this.redirectUri(request));
    if (!member) {
      void reply.redirect('/desk?signin=not_staff', 302);
      return;
    }
    const { token } = await this.sessions.signInWithDiscord(member);
    setCookie(reply, SESSION_COOKIE, token, { secure: this.secure, maxAgeSeconds: this.sessions.lifetimeSeconds });
    void reply.redirect('/desk', 302);
  }

  private get secure(): boolean {
    return isSecure(this.config.PUBLIC_URL);
  }

  /** PUBLIC_URL when set (what Discord's portal lists), else the origin this request came to. */
  private redirectUri(request: FastifyRequest): string {
    const base = this.config.PUBLIC_URL?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;
    return `${base}${STATE_PATH}/callback`;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length > 0 && x.length === y.length && timingSafeEqual(x, y);
}
