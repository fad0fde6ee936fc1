import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { QueueController } from './queue.controller';

/**
 * The durable job queue. Not global on purpose: Nest destroys non-global modules before global
 * ones, so the worker stops before the (global) database module disconnects Prisma.
 */
@Module({
  controllers: [QueueController],
  providers: [JobQueue],
  exports: [JobQueue],
})
export class QueueModule {}
