import { BeforeApplicationShutdown, Controller, Get, Injectable, OnModuleDestroy, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';
import { DatabaseConnection } from '../database/database-connection';
import { PrismaService } from '../database/prisma.service';

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
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
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
      return { status: 'ready', database: 'up' };
    } catch {
      void reply.status(503);
      return { status: 'unavailable', database: 'down' };
    }
  }
}
