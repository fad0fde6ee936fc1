import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SnippetResponse } from './snippets.response';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { MinimumRole, Role } from '../auth/roles';
import { CreateSnippetDto, UpdateSnippetDto } from './snippets.dto';
import { SnippetsService } from './snippets.service';
import { ApiProblem } from '../operations/api-problem';

/** Saved answers: agents read them, leads change them. */
@ApiTags('snippets')
@ApiBearerAuth()
@MinimumRole(Role.AGENT)
@Controller('api/snippets')
export class SnippetsController {
  constructor(private readonly snippets: SnippetsService) {}

  @Get()
  @ApiOperation({ summary: 'Every snippet with its texts' })
  @ApiOkResponse({ type: [SnippetResponse] })
  list() {
    return this.snippets.list();
  }

  @Get(':name')
  @ApiOperation({ summary: 'One snippet' })
  @ApiOkResponse({ type: SnippetResponse })
  get(@Param('name') name: string) {
    return this.snippets.get(name);
  }

  @Post()
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Save a new snippet (texts.en required)' })
  @ApiCreatedResponse({ type: SnippetResponse })
  @ApiProblem(409, 'A snippet of that name exists')
  create(@Body() body: CreateSnippetDto, @Req() request: AuthenticatedRequest) {
    return this.snippets.create(body.name, { ...body.texts }, `api:${request.principal!.name}`);
  }

  @Patch(':name')
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: "Set some languages' texts" })
  @ApiOkResponse({ type: SnippetResponse })
  update(@Param('name') name: string, @Body() body: UpdateSnippetDto, @Req() request: AuthenticatedRequest) {
    return this.snippets.edit(name, { ...body.texts }, `api:${request.principal!.name}`);
  }

  @Delete(':name')
  @HttpCode(204)
  @MinimumRole(Role.LEAD)
  @ApiOperation({ summary: 'Remove a snippet' })
  @ApiNoContentResponse({ description: 'Removed' })
  async remove(@Param('name') name: string) {
    await this.snippets.remove(name);
  }
}
