import { ApiProperty } from '@nestjs/swagger';
import { AnnouncementSource, AnnouncementStatus } from '../generated/prisma/enums';

/** What the announcement routes return (announcement.view.ts, feeds.view.ts), for the OpenAPI document. */
const WHEN = { type: String, format: 'date-time', example: '2026-05-04T09:30:00.000Z' } as const;
const MAYBE_WHEN = { ...WHEN, nullable: true } as const;
const MAYBE_TEXT = { type: String, nullable: true } as const;

export class AnnouncementResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: AnnouncementSource, enumName: 'AnnouncementSource', example: AnnouncementSource.MANUAL }) source!: AnnouncementSource;
  @ApiProperty({ enum: AnnouncementStatus, enumName: 'AnnouncementStatus', example: AnnouncementStatus.SCHEDULED }) status!: AnnouncementStatus;
  @ApiProperty({ example: 'Patch 1.2 is live' }) title!: string;
  @ApiProperty({ example: 'New map, fewer crashes.' }) body!: string;
  @ApiProperty({ ...MAYBE_TEXT, example: 'https://example.com/news/1-2', description: "The feed item's link" }) url!: string | null;
  @ApiProperty({ ...MAYBE_TEXT, example: 'https://example.com/patch.png' }) imageUrl!: string | null;
  @ApiProperty({ ...MAYBE_TEXT, example: 'Studio blog', description: "The feed's name, shown in the embed footer" }) sourceName!: string | null;
  @ApiProperty({ ...MAYBE_TEXT, example: '223344556677889900' }) mentionRoleId!: string | null;
  @ApiProperty({ example: '112233445566778899' }) channelId!: string;
  @ApiProperty(WHEN) postAt!: string;
  @ApiProperty({ ...MAYBE_TEXT, example: '334455667788990011', description: 'The Discord message, once posted' }) messageId!: string | null;
  @ApiProperty({ example: false, description: 'Published to following servers (or nothing to do)' }) crossposted!: boolean;
  @ApiProperty({ example: true, description: 'The Discord message shows the latest edit' }) inSync!: boolean;
  @ApiProperty(MAYBE_WHEN) postedAt!: string | null;
  @ApiProperty({ example: 'api:community-team' }) createdBy!: string;
  @ApiProperty({ ...MAYBE_TEXT, example: null }) lastError!: string | null;
  @ApiProperty(WHEN) createdAt!: string;
  @ApiProperty(WHEN) updatedAt!: string;
}

export class FeedResponse {
  @ApiProperty({ example: 'blog' }) name!: string;
  @ApiProperty({ example: 'https://example.com/feed.xml', description: 'Without its query, which may hold a token' }) url!: string;
  @ApiProperty({ ...MAYBE_TEXT, example: '112233445566778899' }) channelId!: string | null;
  @ApiProperty({ ...MAYBE_TEXT, example: null }) mentionRoleId!: string | null;
  @ApiProperty({ example: 300 }) intervalSeconds!: number;
  @ApiProperty({ example: true, description: 'The first poll only remembers what is there, without posting' }) primed!: boolean;
  @ApiProperty(MAYBE_WHEN) lastPollAt!: string | null;
  @ApiProperty(MAYBE_WHEN) lastSuccessAt!: string | null;
  @ApiProperty(MAYBE_WHEN) lastErrorAt!: string | null;
  @ApiProperty({ ...MAYBE_TEXT, example: null }) lastError!: string | null;
  @ApiProperty({ example: 0 }) failuresInARow!: number;
  @ApiProperty(MAYBE_WHEN) nextPollAt!: string | null;
}
