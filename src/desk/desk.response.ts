import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../auth/roles';

/** What the desk's session and chat-media routes return, for the OpenAPI document. */
export class SessionResponse {
  @ApiProperty({ example: 'Mia from Support', description: 'The name players see on replies' }) name!: string;
  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.AGENT }) role!: Role;
  @ApiProperty({ enum: ['key', 'discord'], example: 'key', description: 'Signed in with an API key or with Discord' }) via!: 'key' | 'discord';
  @ApiProperty({ example: 'q7Wd…', description: 'Send as X-CSRF-Token on every write made with the session cookie' }) csrfToken!: string;
  @ApiProperty({ format: 'date-time', example: '2026-05-05T09:30:00.000Z' }) expiresAt!: string;
}

export class SignInProvidersResponse {
  @ApiProperty({ example: true }) apiKey!: boolean;
  @ApiProperty({ example: false, description: 'Discord sign-in is configured (DISCORD_CLIENT_ID)' }) discord!: boolean;
}

export class ChatMediaResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'crash.png' }) filename!: string;
  @ApiProperty({ example: 'image/png' }) contentType!: string;
  @ApiProperty({ example: 48213 }) size!: number;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty({ format: 'date-time', example: '2026-05-04T09:30:00.000Z' }) messageCreatedAt!: string;
}
