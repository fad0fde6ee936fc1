import { ApiProperty } from '@nestjs/swagger';
import { LOCALES } from './locales';

/** What the knowledge-base routes return, for the OpenAPI document. */
export class ArticleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'account-recovery' }) slug!: string;
  @ApiProperty({ enum: LOCALES, example: 'en' }) locale!: string;
  @ApiProperty({ example: 'Recover your account' }) title!: string;
  @ApiProperty({ example: 'Open the launcher and choose "Forgot password".' }) body!: string;
  @ApiProperty({ type: [String], example: ['account'] }) tags!: string[];
  @ApiProperty({ type: [String], example: ['password', 'login'] }) keywords!: string[];
  @ApiProperty({ type: [String], example: ['cant log in'] }) aliases!: string[];
  @ApiProperty({ type: [String], example: ['it keeps saying wrong password but its right'] }) questions!: string[];
  @ApiProperty({ format: 'date-time', example: '2026-05-04T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', example: '2026-05-04T09:30:00.000Z' }) updatedAt!: string;
}

export class ArticleHitResponse {
  @ApiProperty({ example: 'account-recovery' }) slug!: string;
  @ApiProperty({ enum: LOCALES, example: 'en' }) locale!: string;
  @ApiProperty({ example: 'Recover your account' }) title!: string;
  @ApiProperty({ example: 'Choose "Forgot **password**" in the launcher…', description: 'Matches between ** and **' }) excerpt!: string;
  @ApiProperty({ example: 7.42, description: 'BM25F score from the bot retriever; higher is better' }) rank!: number;
}

export class ArticleStatsResponse {
  @ApiProperty({ enum: LOCALES, example: 'en' }) locale!: string;
  @ApiProperty({ example: 'account-recovery' }) slug!: string;
  @ApiProperty({ example: 40, description: 'Answers that suggested it' }) suggested!: number;
  @ApiProperty({ example: 31 }) helpful!: number;
  @ApiProperty({ example: 4 }) notHelpful!: number;
}
