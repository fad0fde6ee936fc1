import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { HealthController, ShutdownState } from './health.controller';

@Module({ imports: [QueueModule], controllers: [HealthController], providers: [ShutdownState] })
export class HealthModule {}
