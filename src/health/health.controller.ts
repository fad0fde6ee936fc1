import { BeforeApplicationShutdown, Controller, Get, Injectable, OnModuleDestroy, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { LiveResponse, ReadyResponse } from './health.response';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';
import { DatabaseConnection } from '../database/database-connection';
import { PrismaService } from '../database/prisma.service';
import { GatewayLeader } from '../discord/gateway-leader';
import { JobQueue } from '../queue/job-queue';

/**
 * Flips to "shutting down" first thing on SIGTERM (or app.close()), so load balancers stop sending
 * traffic. Nest runs onModuleDestroy before beforeApplicationShutdown, and this module's before the
 * global DatabaseModule's, so the flip happens before Prisma disconnects.
 */
@Injectable()
export class ShutdownState implements OnModuleDestroy, BeforeApplicationShutdown {
  shuttingDown = false;

  onModuleDestroy(): void {
    this.shuttingDown = true;
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly state: ShutdownState,
    private readonly database: DatabaseConnection,
    private readonly queue: JobQueue,
    @Optional() private readonly gateway?: GatewayLeader,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency is checked)' })
  @ApiOkResponse({ type: LiveResponse })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers and the queue worker runs; 503 while shutting down or when either is down' })
  @ApiOkResponse({ type: ReadyResponse })
  @ApiServiceUnavailableResponse({ type: ReadyResponse, description: 'Not ready: take this instance out of rotation' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    if (this.state.shuttingDown) {
      void reply.status(503);
      return { status: 'shutting_down' };
    }
    if (this.database.state !== 'up') {
      // The embedded Postgres died and is being restarted (src/database/embedded-supervisor.ts).
      void reply.status(503);
      return { status: 'unavailable', database: this.database.state };
    }
    try {
      await this.prisma.$queryRaw`SELECT 1`;
    } catch {
      void reply.status(503);
      return { status: 'unavailable', database: 'down' };
    }
    // The gateway is reported, not required: followers serve HTTP and REST while another replica leads.
    const parts = { database: 'up', queueWorker: this.queue.workerRunning ? 'running' : 'stopped', ...(this.gateway ? { discordGateway: this.gateway.status } : {}) };
    if (!this.queue.workerRunning) void reply.status(503);
    return { status: this.queue.workerRunning ? 'ready' : 'unavailable', ...parts };
  }
}
