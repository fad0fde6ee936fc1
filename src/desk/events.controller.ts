import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { AppConfig } from '../config/app-config';
import { DeskEventsFeed } from './desk-events.feed';
import { EventStream } from './event-stream';
import { SessionsService } from './sessions.service';
import { readCookie, SESSION_COOKIE } from './session-cookie';

/** GET /api/events: Server-Sent Events for the desk and integrations (see the README, "Live updates"). */
@ApiTags('live updates')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly feed: DeskEventsFeed,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'An open stream: `id: <n>`, `event: <name>`, `data: <JSON>` blocks, and `: heartbeat` comments',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'id: 12\nevent: chat.waiting\ndata: {"conversationId":"…","caseNumber":42}\n\n' } } },
  })
  @ApiOperation({
    summary: 'Live updates (Server-Sent Events): chat.waiting, chat.changed, chat.message, case.changed',
    description: 'Each event has an id; reconnect with Last-Event-ID to receive what you missed (kept for a day). A comment line is sent every EVENTS_HEARTBEAT_SECONDS.',
  })
  async stream(@Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    const lastEventId = parseEventId(request.headers['last-event-id']) ?? parseEventId((request.query as Record<string, unknown>)?.lastEventId);
    // A session can end while its stream is open: each heartbeat checks it again.
    const token = request.headers.authorization === undefined ? readCookie(request, SESSION_COOKIE) : undefined;
    const stillValid = token ? () => this.sessions.current(token).then(() => true, () => false) : async () => true;
    reply.hijack();
    const stream = new EventStream(reply.raw, this.feed, { heartbeatMs: this.config.EVENTS_HEARTBEAT_SECONDS * 1000, stillValid });
    request.raw.on('close', () => stream.close());
    await stream.start(lastEventId ?? (await this.feed.latestId()));
  }
}

function parseEventId(value: unknown): bigint | null {
  return typeof value === 'string' && /^\d{1,19}$/.test(value) ? BigInt(value) : null;
}
