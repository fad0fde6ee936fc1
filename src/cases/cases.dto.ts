import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CasePriority, CaseStatus, CaseType } from '../generated/prisma/enums';
import { CaseSort, SORTS } from './case-inputs';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const SNOWFLAKE = /^\d{17,20}$/;
const SNOWFLAKE_MESSAGE = '$property must be a Discord id (17 to 20 digits)';

export class CreateCaseDto {
  @ApiProperty({ enum: CaseType, example: CaseType.BUG }) @IsEnum(CaseType)
  type!: CaseType;

  @ApiProperty({ maxLength: 200, example: 'Crash when opening the map' }) @Transform(trim) @IsString() @Length(1, 200)
  title!: string;

  @ApiProperty({ maxLength: 4000, example: 'The game closes as soon as I press M.' }) @Transform(trim) @IsString() @Length(1, 4000)
  description!: string;

  @ApiPropertyOptional({ enum: CasePriority, default: 'NORMAL' }) @IsOptional() @IsEnum(CasePriority)
  priority?: CasePriority;

  @ApiPropertyOptional({ description: 'Discord user id of the reporter' }) @IsOptional() @Matches(SNOWFLAKE, { message: SNOWFLAKE_MESSAGE })
  reporterId?: string;

  @ApiPropertyOptional({ description: "Reporter's display name; defaults to the API key's name" }) @IsOptional() @Transform(trim) @IsString() @Length(1, 100)
  reporterName?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(SNOWFLAKE, { message: SNOWFLAKE_MESSAGE })
  guildId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(SNOWFLAKE, { message: SNOWFLAKE_MESSAGE })
  channelId?: string;

  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @Transform(trim) @IsString() @Length(1, 100)
  assignee?: string;
}

export class UpdateCaseDto {
  @ApiPropertyOptional({ enum: CaseStatus, example: CaseStatus.IN_PROGRESS }) @IsOptional() @IsEnum(CaseStatus)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: CasePriority }) @IsOptional() @IsEnum(CasePriority)
  priority?: CasePriority;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null unassigns' })
  @IsOptional() @Transform(trim) @ValidateIf((_, value) => value !== null) @IsString() @Length(1, 100)
  assignee?: string | null;

  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Transform(trim) @IsString() @Length(1, 200)
  title?: string;
}

export class AddNoteDto {
  @ApiProperty({ maxLength: 4000, example: 'Fixed in 1.2, thanks for the report!' }) @Transform(trim) @IsString() @Length(1, 4000)
  body!: string;

  @ApiPropertyOptional({ default: false, description: 'Public notes are sent to the reporter on Discord' }) @IsOptional() @IsBoolean()
  public?: boolean;
}

export { SORTS };
export type { CaseSort };

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CaseType }) @IsOptional() @IsEnum(CaseType)
  type?: CaseType;

  @ApiPropertyOptional({ enum: CaseStatus }) @IsOptional() @IsEnum(CaseStatus)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: CasePriority }) @IsOptional() @IsEnum(CasePriority)
  priority?: CasePriority;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100)
  assignee?: string;

  @ApiPropertyOptional({ description: "Reporter's Discord id" }) @IsOptional() @Matches(SNOWFLAKE, { message: SNOWFLAKE_MESSAGE })
  reporter?: string;

  @ApiPropertyOptional({ description: 'Full-text search over title and description (web search syntax: "exact phrase", -exclude, or)' })
  @IsOptional() @Transform(trim) @IsString() @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ enum: SORTS, default: '-number' }) @IsOptional() @IsIn(SORTS)
  sort?: CaseSort;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
