import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WaitingForPlayerResponse } from '../conversations.response';
import { ApiProblem } from '../../operations/api-problem';
import { UuidPipe } from '../../common/uuid';
import { MinimumRole, Role } from '../../auth/roles';
import { ChatLifecycle } from './chat-lifecycle';

@ApiTags('help chats')
@ApiBearerAuth()
@Controller('api/conversations')
export class LifecycleController {
  constructor(private readonly lifecycle: ChatLifecycle) {}

  @Post(':id/waiting-for-player')
  @HttpCode(200)
  @MinimumRole(Role.AGENT)
  @ApiOperation({ summary: 'Mark a help chat "waiting for the player": reminder after STALE_CHAT_HOURS, closed AUTO_CLOSE_HOURS later unless they answer' })
  @ApiOkResponse({ type: WaitingForPlayerResponse })
  @ApiProblem(409, 'Only a chat waiting for or with an agent can wait for the player')
  waitingForPlayer(@Param('id', UuidPipe) id: string) {
    return this.lifecycle.waitingForPlayer(id);
  }
}
