import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { SNIPPET_NAME, SNIPPET_TEXT_MAX } from './snippets.service';

/** One text per language; English is the fallback and is required on create. */
export class SnippetTextsDto {
  @ApiPropertyOptional({ example: 'Refunds take up to 5 days.' }) @IsOptional() @IsString() @Length(1, SNIPPET_TEXT_MAX)
  en?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, SNIPPET_TEXT_MAX)
  fr?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, SNIPPET_TEXT_MAX)
  es?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, SNIPPET_TEXT_MAX)
  de?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, SNIPPET_TEXT_MAX)
  pt?: string;
}

export class CreateSnippetDto {
  @ApiProperty({ example: 'refund-policy' })
  @IsString() @Matches(SNIPPET_NAME, { message: 'name must be 1 to 50 lowercase letters, digits, "-" or "_"' })
  name!: string;

  @ApiProperty({ type: SnippetTextsDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SnippetTextsDto)
  texts!: SnippetTextsDto;
}

export class UpdateSnippetDto {
  @ApiProperty({ type: SnippetTextsDto, description: 'The languages to set; the others stay as they are' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => SnippetTextsDto)
  texts!: SnippetTextsDto;
}
