import { ApiProperty } from '@nestjs/swagger';
import { AuthorKind, CaseStatus, ConversationMode, DeliveryStatus, MessageDirection } from '../generated/prisma/enums';

/** What the help-chat routes return (conversation-read-models.ts), for the OpenAPI document. */
const WHEN = { type: String, format: 'date-time', example: '2026-05-04T09:30:00.000Z' } as const;

export class ChatPlayerResponse {
  @ApiProperty({ example: '112233445566778899', description: "The player channel's id of the player (a Discord user id)" }) id!: string;
  @ApiProperty({ example: 'Mia' }) name!: string;
  @ApiProperty({ example: 'en' }) locale!: string;
}

export class ChatCaseResponse {
  @ApiProperty({ example: 42 }) number!: number;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus', example: CaseStatus.IN_PROGRESS }) status!: CaseStatus;
}

export class LastMessageResponse {
  @ApiProperty({ enum: AuthorKind, enumName: 'AuthorKind', example: AuthorKind.PLAYER }) authorKind!: AuthorKind;
  @ApiProperty({ example: 'I still cannot log in' }) body!: string;
  @ApiProperty(WHEN) createdAt!: string;
}

export class ConversationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ConversationMode, enumName: 'ConversationMode', example: ConversationMode.AGENT_REQUESTED }) mode!: ConversationMode;
  @ApiProperty({ type: String, nullable: true, example: 'leads', description: 'The agent platform carrying the chat (leads, discord, flex); null while only the bot talks' }) transport!: string | null;
  @ApiProperty({ type: ChatPlayerResponse }) player!: ChatPlayerResponse;
  @ApiProperty({ type: ChatCaseResponse, nullable: true }) case!: ChatCaseResponse | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mia from Support' }) agentName!: string | null;
  @ApiProperty(WHEN) createdAt!: string;
  @ApiProperty(WHEN) updatedAt!: string;
  @ApiProperty({ type: LastMessageResponse, nullable: true }) lastMessage!: LastMessageResponse | null;
}

export class DeliveryResponse {
  @ApiProperty({ enum: DeliveryStatus, enumName: 'DeliveryStatus', example: DeliveryStatus.SENT }) status!: DeliveryStatus;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it failed (e.g. the player closed their DMs)' }) reason!: string | null;
}

export class TranscriptMessageResponse {
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty({ enum: MessageDirection, enumName: 'MessageDirection', example: MessageDirection.OUTBOUND }) direction!: MessageDirection;
  @ApiProperty({ enum: AuthorKind, enumName: 'AuthorKind', example: AuthorKind.AGENT }) authorKind!: AuthorKind;
  @ApiProperty({ type: String, nullable: true, example: 'Mia from Support' }) authorName!: string | null;
  @ApiProperty({ example: 'Try restarting the launcher.' }) body!: string;
  @ApiProperty({
    type: 'object', additionalProperties: true, nullable: true,
    description: 'Free-form details: attachments ([{ filename, contentType, size }]), editedAt / deletedAt, the event of a system line',
    example: { attachments: [{ filename: 'a.png', contentType: 'image/png', size: 123 }] },
  })
  details!: Record<string, unknown> | null;
  @ApiProperty({ type: DeliveryResponse, nullable: true, description: "Messages to the player: whether the player channel took them; null for the player's own" }) delivery!: DeliveryResponse | null;
  @ApiProperty(WHEN) createdAt!: string;
}

export class TranscriptResponse {
  @ApiProperty({ example: 42, description: 'The case number' }) case!: number;
  @ApiProperty({ type: [TranscriptMessageResponse], description: 'Oldest first, bot turns included' }) messages!: TranscriptMessageResponse[];
}

export class ReplyResponse {
  @ApiProperty({ example: true, description: 'Whether the player channel took the message at once (otherwise the queue retries it)' }) delivered!: boolean;
}

export class WaitingForPlayerResponse {
  @ApiProperty(WHEN) awaitingPlayerSince!: string;
  @ApiProperty({ ...WHEN, description: 'When the player is reminded (STALE_CHAT_HOURS)' }) remindAt!: string;
  @ApiProperty({ ...WHEN, description: 'When the chat closes unless the player answers (AUTO_CLOSE_HOURS after the reminder)' }) closeAt!: string;
}
