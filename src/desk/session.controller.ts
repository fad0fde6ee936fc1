import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SessionResponse, SignInProvidersResponse } from './desk.response';
import { ApiProblem } from '../operations/api-problem';
import { IsString, Length } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { SessionsService } from './sessions.service';
import { clearCookie, isSecure, readCookie, SESSION_COOKIE, setCookie } from './session-cookie';

export class SignInDto {
  @ApiProperty({ description: 'An API key; the desk exchanges it for a session cookie and forgets it' })
  @IsString() @Length(8, 200)
  key!: string;
}

/** The desk's sign-in: an API key (or Discord, see discord-sign-in.controller.ts) becomes a session cookie. */
@ApiTags('desk')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @ApiOperation({ summary: 'Sign in to the desk with an API key: sets an HttpOnly session cookie, returns the CSRF token for writes' })
  @ApiCreatedResponse({ type: SessionResponse, description: 'Signed in; the session cookie is set (HttpOnly)' })
  @ApiProblem(401, 'The key is unknown or revoked')
  async signIn(@Body() body: SignInDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { token, view } = await this.sessions.signInWithKey(body.key);
    setCookie(reply, SESSION_COOKIE, token, { secure: isSecure(this.config.PUBLIC_URL), maxAgeSeconds: this.sessions.lifetimeSeconds });
    return view;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: "The desk session of this browser: name, role, CSRF token (401 when signed out or expired)" })
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblem(401, 'Signed out, or the session expired')
  async current(@Req() request: FastifyRequest) {
    const token = readCookie(request, SESSION_COOKIE);
    if (!token) throw new DomainError('session_expired', 401, 'You are not signed in');
    // The same view as sign-in gives: the internal ids stay inside.
    const { id: _id, keyId: _keyId, personId: _personId, ...view } = await this.sessions.current(token);
    return view;
  }

  @Get('providers')
  @Public()
  @ApiOperation({ summary: 'Which sign-in methods the desk offers' })
  @ApiOkResponse({ type: SignInProvidersResponse })
  providers() {
    return { apiKey: true, discord: this.config.DISCORD_CLIENT_ID !== undefined };
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session server-side and clears the cookie' })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session)' })
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const token = readCookie(request, SESSION_COOKIE);
    if (token) await this.sessions.end(token);
    clearCookie(reply, SESSION_COOKIE, isSecure(this.config.PUBLIC_URL));
  }
}
