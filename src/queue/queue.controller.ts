import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DeadJobResponse, RetriedJobResponse } from './queue.response';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MinimumRole, Role } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { JobQueue } from './job-queue';

export class ListDeadJobsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

/** Jobs that exhausted their retries (e.g. a Flex webhook Discord never accepted), for leads. */
@ApiTags('queue')
@ApiBearerAuth()
@Controller('api/queue')
export class QueueController {
  constructor(private readonly queue: JobQueue) {}

  @Get('dead')
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Jobs given up on after their last attempt, newest first, with the last error' })
  @ApiOkResponse({ type: [DeadJobResponse] })
  dead(@Query() query: ListDeadJobsQuery) {
    return this.queue.listDead(query.limit ?? 50);
  }

  @Post('dead/:id/retry')
  @HttpCode(202)
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Run a dead job again with a fresh set of attempts' })
  @ApiAcceptedResponse({ type: RetriedJobResponse })
  async retry(@Param('id') id: string) {
    if (!(await this.queue.retryDead(id))) throw DomainError.notFound(`Dead job ${id}`);
    return { id, status: 'PENDING' };
  }
}
