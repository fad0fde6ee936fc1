import { ApiProperty } from '@nestjs/swagger';
import { Role } from './roles';

/** What the API key routes return, for the OpenAPI document. The secret is never part of a key's view. */
export class KeyPersonResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Mia from Support' }) displayName!: string;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'support-dashboard' }) name!: string;
  @ApiProperty({ example: 'bk_3f9a', description: 'The first characters of the secret, to recognise it' }) prefix!: string;
  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.AGENT }) role!: Role;
  @ApiProperty({ type: KeyPersonResponse }) person!: KeyPersonResponse;
  @ApiProperty({ format: 'date-time', example: '2026-05-04T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-05-05T10:00:00.000Z' }) lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) revokedAt!: string | null;
}

export class CreatedApiKeyResponse {
  @ApiProperty({ description: 'The secret: shown in this response only, send it as `Authorization: Bearer <key>`', example: 'bk_3f9a…' }) key!: string;
  @ApiProperty({ type: ApiKeyResponse }) apiKey!: ApiKeyResponse;
}
