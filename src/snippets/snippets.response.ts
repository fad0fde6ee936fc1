import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What the snippet routes return, for the OpenAPI document. */
export class SnippetTextsResponse {
  @ApiPropertyOptional({ example: 'Refunds take up to 5 days.' }) en?: string;
  @ApiPropertyOptional({ example: 'Les remboursements prennent jusqu’à 5 jours.' }) fr?: string;
  @ApiPropertyOptional() es?: string;
  @ApiPropertyOptional() de?: string;
  @ApiPropertyOptional() pt?: string;
}

export class SnippetResponse {
  @ApiProperty({ example: 'refund-policy' }) name!: string;
  @ApiProperty({ type: SnippetTextsResponse, description: 'One text per language; English is the fallback' }) texts!: SnippetTextsResponse;
  @ApiProperty({ example: 'api:support-lead' }) updatedBy!: string;
  @ApiProperty({ format: 'date-time', example: '2026-05-04T09:30:00.000Z' }) updatedAt!: string;
}
