import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { Locale } from '../conversations/ports';
import { LOCALES } from './locales';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

export class CreateArticleDto {
  @ApiProperty({ example: 'account-recovery' }) @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug must be lowercase words joined by hyphens' }) @Length(1, 100)
  slug!: string;

  @ApiProperty({ enum: LOCALES, example: 'en' }) @IsIn(LOCALES)
  locale!: Locale;

  @ApiProperty({ maxLength: 200, example: 'Recover your account' }) @Transform(trim) @IsString() @Length(1, 200)
  title!: string;

  @ApiProperty({ maxLength: 20000, example: 'Open the launcher and choose "Forgot password".' }) @Transform(trim) @IsString() @Length(1, 20000)
  body!: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Topic words the bot weighs like the title' }) @IsOptional() @IsArray() @ArrayMaxSize(40) @IsString({ each: true }) @Length(1, 60, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ type: [String], description: 'What players call things: slang, typos, English gaming words' }) @IsOptional() @IsArray() @ArrayMaxSize(60) @IsString({ each: true }) @Length(1, 60, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Example questions players ask that it answers, in their words' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true })
  questions?: string[];
}

export class UpdateArticleDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @Transform(trim) @IsString() @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 20000 }) @IsOptional() @Transform(trim) @IsString() @Length(1, 20000)
  body?: string;

  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Topic words the bot weighs like the title' }) @IsOptional() @IsArray() @ArrayMaxSize(40) @IsString({ each: true }) @Length(1, 60, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ type: [String], description: 'What players call things: slang, typos, English gaming words' }) @IsOptional() @IsArray() @ArrayMaxSize(60) @IsString({ each: true }) @Length(1, 60, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Example questions players ask that it answers, in their words' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 300, { each: true })
  questions?: string[];
}

export class ListArticlesQuery {
  @ApiPropertyOptional({ enum: LOCALES }) @IsOptional() @IsIn(LOCALES)
  locale?: Locale;
}

export class SearchArticlesQuery {
  @ApiProperty({ example: 'forgot my password' }) @Transform(trim) @IsString() @Length(1, 500)
  q!: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' }) @IsOptional() @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 20 }) @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(20)
  limit?: number;
}
