import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { MinimumRole, Role } from '../auth/roles';
import { ConversationsService } from '../conversations/conversations.service';

/** Claiming a help chat: the agent's name reaches the player ("… joined") and the case is assigned to them. */
@ApiTags('help chats')
@ApiBearerAuth()
@Controller('api/conversations')
export class ClaimController {
  constructor(private readonly conversations: ConversationsService) {}

  @Post(':id/claim')
  @HttpCode(204)
  @MinimumRole(Role.AGENT)
  @ApiOperation({ summary: 'Take a waiting help chat: the player is told who joined, the case is assigned' })
  async claim(@Param('id') id: string, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.conversations.claim(id, request.principal!.name);
  }
}
