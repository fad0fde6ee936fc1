import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { ApiKeysService } from './api-keys.service';
import { MinimumRole, Role } from './roles';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'support-dashboard' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @Length(1, 100) @Matches(/^[\w .@-]+$/, { message: 'name may use letters, digits, spaces and . _ @ -' })
  name!: string;

  @ApiProperty({ enum: Role }) @IsEnum(Role)
  role!: Role;
}

@ApiTags('api keys')
@ApiBearerAuth()
@MinimumRole(Role.LEAD)
@Controller('api/keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list() {
    return this.keys.list();
  }

  /** The key's secret is in this response only. */
  @Post()
  create(@Body() body: CreateApiKeyDto) {
    return this.keys.create(body.name, body.role);
  }

  @Delete(':idOrName')
  revoke(@Param('idOrName') idOrName: string) {
    return this.keys.revoke(idOrName);
  }
}
