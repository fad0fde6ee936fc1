import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { AnnouncementStatus } from '../generated/prisma/enums';
import { BODY_MAX, TITLE_MAX } from './announcement-input';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SNOWFLAKE = /^\d{17,20}$/;
const HTTPS = /^https:\/\/\S+$/i;

export class CreateAnnouncementDto {
  @ApiProperty({ maxLength: TITLE_MAX, example: 'Patch 1.2 is live' }) @Transform(trim) @IsString() @Length(1, TITLE_MAX)
  title!: string;

  @ApiProperty({ maxLength: BODY_MAX, description: 'Markdown, as Discord shows it', example: 'New map, **fewer crashes**.' }) @Transform(trim) @IsString() @Length(1, BODY_MAX)
  body!: string;

  @ApiPropertyOptional({ description: 'https:// address of an image shown in the embed' })
  @IsOptional() @IsString() @Matches(HTTPS, { message: 'imageUrl must be an https:// address of an image' })
  imageUrl?: string;

  @ApiPropertyOptional({ description: 'Role to mention (ping) with the post' })
  @IsOptional() @Matches(SNOWFLAKE, { message: 'mentionRoleId must be a Discord role id (17 to 20 digits)' })
  mentionRoleId?: string;

  @ApiPropertyOptional({ description: 'Channel to post in; default DISCORD_ANNOUNCEMENT_CHANNEL_ID' })
  @IsOptional() @Matches(SNOWFLAKE, { message: 'channelId must be a Discord channel id (17 to 20 digits)' })
  channelId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When to post (with a time zone); default now', example: '2026-05-04T18:00:00+02:00' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'postAt must be an ISO 8601 date-time such as 2026-12-24T18:00:00Z' })
  postAt?: string;
}

export class UpdateAnnouncementDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX }) @IsOptional() @Transform(trim) @IsString() @Length(1, TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ maxLength: BODY_MAX }) @IsOptional() @Transform(trim) @IsString() @Length(1, BODY_MAX)
  body?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes the image' })
  @IsOptional() @ValidateIf((_, value) => value !== null) @IsString() @Matches(HTTPS, { message: 'imageUrl must be an https:// address of an image' })
  imageUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null: no mention' })
  @IsOptional() @ValidateIf((_, value) => value !== null) @Matches(SNOWFLAKE, { message: 'mentionRoleId must be a Discord role id (17 to 20 digits)' })
  mentionRoleId?: string | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'Reschedules one not posted yet' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'postAt must be an ISO 8601 date-time such as 2026-12-24T18:00:00Z' })
  postAt?: string;
}

export class ListAnnouncementsQuery {
  @ApiPropertyOptional({ enum: AnnouncementStatus }) @IsOptional() @IsEnum(AnnouncementStatus)
  status?: AnnouncementStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Transform(({ value }) => (value === undefined ? undefined : Number(value))) @IsInt() @Min(1) @Max(200)
  limit?: number;
}
