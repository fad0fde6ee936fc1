import { ApiProperty } from '@nestjs/swagger';

/** What the queue routes return, for the OpenAPI document. */
export class DeadJobResponse {
  @ApiProperty({ example: '1207', description: 'A decimal id' }) id!: string;
  @ApiProperty({ example: 'flex.forward', description: 'The job kind (src/queue/job-map.ts)' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, example: 'IMxxxxxxxx', description: 'Makes a redelivered webhook the same job' }) dedupeKey!: string | null;
  @ApiProperty({ example: 8 }) attempts!: number;
  @ApiProperty({ example: 8 }) maxAttempts!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Discord 50007: Cannot send messages to this user' }) lastError!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The kind's own payload", example: { conversationSid: 'CHxxxxxxxx' } }) payload!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: '2026-05-04T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-05-04T10:30:00.000Z' }) finishedAt!: string | null;
}

export class RetriedJobResponse {
  @ApiProperty({ example: '1207' }) id!: string;
  @ApiProperty({ enum: ['PENDING'], example: 'PENDING' }) status!: 'PENDING';
}
