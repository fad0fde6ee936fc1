import { ApiProperty } from '@nestjs/swagger';
import { CaseResponse } from '../cases.response';

/** What the community-report routes return, for the OpenAPI document. */
export class VoterResponse {
  @ApiProperty({ example: '112233445566778899', description: "The voter's Discord user id" }) id!: string;
  @ApiProperty({ example: 'Mia' }) name!: string;
  @ApiProperty({ example: true, description: 'Asked to be told when the report is resolved' }) notify!: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-05-04T09:30:00.000Z' }) votedAt!: string;
}

export class VotersResponse {
  @ApiProperty({ example: 42 }) number!: number;
  @ApiProperty({ example: 1 }) votes!: number;
  @ApiProperty({ type: [VoterResponse], description: 'Oldest first' }) voters!: VoterResponse[];
}

export class MergeResponse {
  @ApiProperty({ type: CaseResponse, description: 'The duplicate, now closed and linked to the master' }) duplicate!: CaseResponse;
  @ApiProperty({ type: CaseResponse, description: 'The master, with the votes moved to it' }) master!: CaseResponse;
}
