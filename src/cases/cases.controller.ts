import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { MinimumRole, Role } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { CaseNumberPipe } from './case-number.pipe';
import { AddNoteDto, CreateCaseDto, ListCasesQuery, UpdateCaseDto } from './cases.dto';
import { CaseResponseStats } from './case-response-stats';
import { CasesService } from './cases.service';
import { ApiProblem } from '../operations/api-problem';
import { CaseDetailResponse, CaseEventResponse, CasePageResponse, CaseResponse, CaseStatsResponse } from './cases.response';

const actorOf = (request: AuthenticatedRequest) => `api:${request.principal!.name}`;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly responseStats: CaseResponseStats,
  ) {}

  @Post()
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Open a case' })
  @ApiCreatedResponse({ type: CaseResponse, description: 'The new case' })
  create(@Body() body: CreateCaseDto, @Req() request: AuthenticatedRequest) {
    return this.cases.create({ ...body, reporterName: body.reporterName ?? request.principal!.displayName }, actorOf(request));
  }

  @Get()
  @ApiOperation({ summary: 'List cases: filters, full-text q, sort and cursor pagination' })
  @ApiOkResponse({ type: CasePageResponse })
  list(@Query() query: ListCasesQuery) {
    return this.cases.list(query);
  }

  @Get('stats')
  @ApiOperation({ summary: 'Counts by type and status, the oldest open case, response times (median, p90) by type and week, satisfaction by week and agent' })
  @ApiOkResponse({ type: CaseStatsResponse })
  async stats() {
    const [counts, responseTimes, satisfaction] = await Promise.all([this.cases.stats(), this.responseStats.responseTimes(), this.responseStats.satisfaction()]);
    return { ...counts, responseTimes, satisfaction };
  }

  @Get(':number')
  @ApiOperation({ summary: 'A case with its history' })
  @ApiOkResponse({ type: CaseDetailResponse })
  get(@Param('number', CaseNumberPipe) number: number) {
    return this.cases.getWithEvents(number);
  }

  @Patch(':number')
  @MinimumRole(Role.AGENT)
  @ApiOperation({ summary: 'Change status (allowed transitions only), priority, assignee or title; agents may change only the status' })
  @ApiOkResponse({ type: CaseResponse, description: 'The case as changed' })
  @ApiProblem(409, 'The status cannot go there from the current one (the problem lists where it can)')
  update(@Param('number', CaseNumberPipe) number: number, @Body() body: UpdateCaseDto, @Req() request: AuthenticatedRequest) {
    const fields = Object.keys(body).filter((key) => body[key as keyof UpdateCaseDto] !== undefined);
    if (fields.length === 0) {
      throw DomainError.validation([{ field: 'body', messages: ['give at least one of status, priority, assignee, title'] }]);
    }
    if (request.principal!.role === Role.AGENT && fields.some((field) => field !== 'status')) {
      throw DomainError.forbidden('Agents may change only the status of a case; priority, assignee and title need a lead key');
    }
    return this.cases.update(number, body, actorOf(request));
  }

  @Post(':number/notes')
  @HttpCode(201)
  @MinimumRole(Role.AGENT)
  @ApiOperation({ summary: 'Add a note; public notes are sent to the reporter' })
  @ApiCreatedResponse({ type: CaseEventResponse, description: 'The NOTE event' })
  addNote(@Param('number', CaseNumberPipe) number: number, @Body() body: AddNoteDto, @Req() request: AuthenticatedRequest) {
    return this.cases.addNote(number, body.body, body.public ?? false, actorOf(request));
  }
}
