import { UuidPipe } from '../common/uuid';
import { Body, Controller, Delete, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnnouncementResponse, FeedResponse } from './announcements.response';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { MinimumRole, Role } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { AnnouncementsService } from './announcements.service';
import { CreateAnnouncementDto, ListAnnouncementsQuery, UpdateAnnouncementDto } from './announcements.dto';
import { FeedsService } from './feeds.service';
import { ApiProblem } from '../operations/api-problem';

const dateOf = (value: string | undefined) => (value === undefined ? undefined : new Date(value));

/** #announcements for the community team (lead keys): manual posts and the feeds' health. */
@ApiTags('announcements')
@ApiBearerAuth()
@MinimumRole(Role.LEAD)
@Controller('api/announcements')
export class AnnouncementsController {
  constructor(
    private readonly announcements: AnnouncementsService,
    private readonly feeds: FeedsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Post an announcement now, or at postAt' })
  @ApiCreatedResponse({ type: AnnouncementResponse })
  create(@Body() body: CreateAnnouncementDto, @Req() request: AuthenticatedRequest) {
    return this.announcements.create({ ...body, postAt: dateOf(body.postAt) }, `api:${request.principal!.name}`);
  }

  @Get()
  @ApiOperation({ summary: 'Announcements, newest first, with their state (scheduled, posted, failed...)' })
  @ApiOkResponse({ type: [AnnouncementResponse] })
  list(@Query() query: ListAnnouncementsQuery) {
    return this.announcements.list(query);
  }

  @Get('feeds')
  @ApiOperation({ summary: "Each feed's last success, last error and next poll" })
  @ApiOkResponse({ type: [FeedResponse] })
  listFeeds() {
    return this.feeds.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One announcement' })
  @ApiOkResponse({ type: AnnouncementResponse })
  get(@Param('id', UuidPipe) id: string) {
    return this.announcements.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a scheduled announcement, or a posted one (its Discord message is edited)' })
  @ApiOkResponse({ type: AnnouncementResponse })
  @ApiProblem(409, 'A cancelled, deleted or failed announcement cannot be edited')
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdateAnnouncementDto) {
    if (Object.values(body).every((value) => value === undefined)) {
      throw DomainError.validation([{ field: 'body', messages: ['give at least one of title, body, imageUrl, mentionRoleId, postAt'] }]);
    }
    return this.announcements.update(id, { ...body, postAt: dateOf(body.postAt) });
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Withdraw a scheduled announcement, or delete a posted one (and its Discord message)' })
  @ApiOkResponse({ type: AnnouncementResponse, description: 'The announcement, CANCELLED or DELETED' })
  remove(@Param('id', UuidPipe) id: string) {
    return this.announcements.remove(id);
  }
}
