import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { AuthenticatedRequest } from '../../auth/api-key.guard';
import { MinimumRole, Role } from '../../auth/roles';
import { CaseNumberPipe } from '../case-number.pipe';
import { MergeService } from './merge.service';
import { VotesService } from './votes.service';
import { ApiProblem } from '../../operations/api-problem';
import { MergeResponse, VotersResponse } from './reports.response';

export class MergeCaseDto {
  @ApiProperty({ description: 'The master case the duplicate is merged into', example: 42 })
  @IsInt({ message: 'into must be a case number such as 42' }) @Min(1) @Max(2_147_483_647)
  into!: number;
}

/** Community reports in the API: who voted, and merging duplicates. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases/:number')
export class ReportsController {
  constructor(
    private readonly votes: VotesService,
    private readonly merges: MergeService,
  ) {}

  @Get('voters')
  @ApiOperation({ summary: "A report's voters (\"me too\" / upvotes), oldest first, and who asked to be told when it is resolved" })
  @ApiOkResponse({ type: VotersResponse })
  @ApiProblem(409, 'The case is a help chat, not a report')
  voters(@Param('number', CaseNumberPipe) number: number) {
    return this.votes.voters(number);
  }

  @Post('merge')
  @HttpCode(200)
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Merge this duplicate into another report: closed with a link, its reporter and voters move to the master' })
  @ApiOkResponse({ type: MergeResponse })
  @ApiProblem(409, 'Not mergeable: different types, already merged, or the master is merged or CLOSED')
  merge(@Param('number', CaseNumberPipe) number: number, @Body() body: MergeCaseDto, @Req() request: AuthenticatedRequest) {
    return this.merges.merge(number, body.into, `api:${request.principal!.name}`);
  }
}
