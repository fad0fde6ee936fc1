import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiKeyResponse, CreatedApiKeyResponse } from './api-keys.response';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { ApiKeysService } from './api-keys.service';
import { MinimumRole, Role } from './roles';
import { ApiProblem } from '../operations/api-problem';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'support-dashboard' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @Length(1, 100) @Matches(/^[\w .@-]+$/, { message: 'name may use letters, digits, spaces and . _ @ -' })
  name!: string;

  @ApiProperty({ enum: Role }) @IsEnum(Role)
  role!: Role;

  @ApiProperty({ example: 'Mia from Support', description: 'The person behind the key, as players see them; an existing person of that name (any case) gets the key' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : value))
  @IsString() @Length(1, 100) @Matches(/^[\p{L}\p{N}][\p{L}\p{N} .,'()&-]*$/u, { message: "displayName may use letters, digits, spaces and . , ' ( ) & -" })
  displayName!: string;
}

@ApiTags('api keys')
@ApiBearerAuth()
@MinimumRole(Role.LEAD)
@Controller('api/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Every API key with its person, role, last use and revocation (never the secret)' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  list() {
    return this.keys.list();
  }

  /** The key's secret is in this response only. */
  @Post()
  @ApiOperation({ summary: 'Create a key for a person; the secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiProblem(409, 'A key of that name exists (names compare case-insensitively)')
  create(@Body() body: CreateApiKeyDto) {
    return this.keys.create(body);
  }

  @Delete(':idOrName')
  @ApiOperation({ summary: 'Revoke a key by id or name; it stops working at once (revoking twice keeps the first time)' })
  @ApiOkResponse({ type: ApiKeyResponse, description: 'The revoked key' })
  @ApiProblem(409, 'The last active lead key: create another first')
  revoke(@Param('idOrName') idOrName: string) {
    return this.keys.revoke(idOrName);
  }
}
