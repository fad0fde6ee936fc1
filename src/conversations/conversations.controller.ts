import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { MinimumRole, Role } from '../auth/roles';
import { CaseNumberPipe } from '../cases/case-number.pipe';
import { UuidPipe } from '../common/uuid';
import { ConversationMode } from '../generated/prisma/enums';
import { ConversationReadModels } from './conversation-read-models';
import { LeadRepliesService } from './lead-replies.service';
import { ApiProblem } from '../operations/api-problem';
import { ConversationResponse, ReplyResponse, TranscriptResponse } from './conversations.response';

export class ReplyDto {
  @ApiProperty({ maxLength: 2000, example: 'Try restarting the launcher, then tell me what you see.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @Length(1, 2000)
  body!: string;
}

export class ListConversationsQuery {
  @ApiPropertyOptional({ enum: ConversationMode, description: 'default: chats waiting for or with an agent' })
  @IsOptional() @IsEnum(ConversationMode)
  mode?: ConversationMode;
}

@ApiTags('help chats')
@ApiBearerAuth()
@Controller('api')
export class ConversationsController {
  constructor(
    private readonly readModels: ConversationReadModels,
    private readonly replies: LeadRepliesService,
  ) {}

  @Get('conversations')
  @ApiOperation({ summary: 'Help chats waiting for an agent or with one' })
  @ApiOkResponse({ type: [ConversationResponse] })
  list(@Query() query: ListConversationsQuery) {
    return this.readModels.listOpen(query.mode);
  }

  @Post('conversations/:id/close')
  @HttpCode(204)
  @MinimumRole(Role.AGENT)
  @ApiOperation({ summary: 'Close a help chat; the player is told' })
  @ApiNoContentResponse({ description: 'Closed' })
  @ApiProblem(409, 'Already closed')
  async close(@Param('id', UuidPipe) id: string) {
    await this.replies.close(id);
  }

  @Post('conversations/:id/claim')
  @HttpCode(204)
  @MinimumRole(Role.AGENT)
  @ApiOperation({ summary: 'Take a waiting help chat: the player is told who joined, the case is assigned' })
  @ApiNoContentResponse({ description: 'Claimed' })
  @ApiProblem(409, 'Closed, or the player has not asked for a person')
  async claim(@Param('id', UuidPipe) id: string, @Req() request: AuthenticatedRequest) {
    await this.replies.claim(id, request.principal!.displayName);
  }

  @Post('cases/:number/messages')
  @MinimumRole(Role.AGENT)
  @ApiOperation({ summary: "Reply in the case's help chat: the text reaches the player's DM" })
  @ApiCreatedResponse({ type: ReplyResponse })
  @ApiProblem(409, 'The case has no open help chat')
  @ApiProblem(422, 'The player cannot be reached (DMs closed, left the server); the reply is stored as FAILED')
  reply(@Param('number', CaseNumberPipe) number: number, @Body() body: ReplyDto, @Req() request: AuthenticatedRequest) {
    return this.replies.replyToCase(number, body.body, request.principal!.displayName);
  }

  @Get('cases/:number/transcript')
  @ApiOperation({ summary: 'The whole help chat of a case, bot turns included, with the delivery status of each message to the player' })
  @ApiOkResponse({ type: TranscriptResponse })
  transcript(@Param('number', CaseNumberPipe) number: number) {
    return this.readModels.transcriptOfCase(number);
  }
}
