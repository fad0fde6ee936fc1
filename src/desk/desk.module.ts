import { Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { SessionAuthenticator } from '../auth/session-authenticator';
import { ChatMediaController } from './chat-media.controller';
import { DeskEventsFeed } from './desk-events.feed';
import { DeskStaticController } from './desk-static.controller';
import { DiscordOAuthClient } from './discord-oauth.client';
import { DiscordSignInController } from './discord-sign-in.controller';
import { EventsController } from './events.controller';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';

/**
 * The web desk: the static app at /desk, sessions (the API guard accepts their cookie through
 * SessionAuthenticator), the live-update stream GET /api/events.
 */
@Global()
@Module({
  controllers: [DeskStaticController, SessionController, DiscordSignInController, EventsController, ChatMediaController],
  providers: [SessionsService, { provide: SessionAuthenticator, useExisting: SessionsService }, DeskEventsFeed, DiscordOAuthClient],
  exports: [SessionAuthenticator, SessionsService],
})
export class DeskModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  /** Nest drops trailing slashes from its routes; "/desk/" (as people type it) leads to the desk too. */
  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.get('/desk/', (_request, reply) => reply.redirect('/desk', 301));
  }
}
