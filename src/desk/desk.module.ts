import { Global, Module } from '@nestjs/common';
import { SessionAuthenticator } from '../auth/session-authenticator';
import { ChatMediaController } from './chat-media.controller';
import { ClaimController } from './claim.controller';
import { DeskEventsFeed } from './desk-events.feed';
import { DeskStaticController } from './desk-static.controller';
import { DiscordOAuthClient } from './discord-oauth.client';
import { DiscordSignInController } from './discord-sign-in.controller';
import { EventsController } from './events.controller';
import { SessionController } from './session.controller';
import { SessionsService } from './sessions.service';

/**
 * The web desk: the static app at /desk, sessions (the API guard accepts their cookie through
 * SessionAuthenticator), the live-update stream GET /api/events and the claim endpoint.
 */
@Global()
@Module({
  controllers: [DeskStaticController, SessionController, DiscordSignInController, EventsController, ClaimController, ChatMediaController],
  providers: [SessionsService, { provide: SessionAuthenticator, useExisting: SessionsService }, DeskEventsFeed, DiscordOAuthClient],
  exports: [SessionAuthenticator, SessionsService],
})
export class DeskModule {}
