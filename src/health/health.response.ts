import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the health routes return, for the OpenAPI document: plain JSON for load balancers, also on 503. */
export class LiveResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' }) status!: 'ok';
}

export class ReadyResponse {
  @ApiProperty({ enum: ['ready', 'unavailable', 'shutting_down'], example: 'ready' }) status!: string;
  @ApiPropertyOptional({ enum: ['up', 'down', 'restarting', 'failed'], example: 'up', description: 'restarting / failed: the embedded Postgres is being healed' }) database?: string;
  @ApiPropertyOptional({ enum: ['running', 'stopped'], example: 'running', description: 'This instance\'s job-queue worker' }) queueWorker?: string;
  @ApiPropertyOptional({
    enum: ['ready', 'connecting', 'follower', 'stopped'], example: 'follower',
    description: 'With the Discord bot on: whether this instance holds the gateway session (one replica does; followers still serve)',
  })
  discordGateway?: string;
}
