import { ApiProperty } from '@nestjs/swagger';
import type { SchemaObjectMetadata } from '@nestjs/swagger/dist/interfaces/schema-object-metadata.interface';
import { CaseEventType, CasePriority, CaseStatus, CaseType } from '../generated/prisma/enums';

/** What the case routes return (case.view.ts), for the OpenAPI document; every e2e response is checked against it. */
const SNOWFLAKE = { type: String, nullable: true, example: '112233445566778899' } as const;
const WHEN = { type: String, format: 'date-time', example: '2026-05-04T09:30:00.000Z' } as const;
const MAYBE_WHEN = { ...WHEN, nullable: true } as const;

export class CaseReporterResponse {
  @ApiProperty({ ...SNOWFLAKE, description: 'Discord user id; null for cases opened through the API without one' }) id!: string | null;
  @ApiProperty({ example: 'Mia' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'fr', description: "The reporter's Discord language, for notifications" }) locale!: string | null;
}

export class CaseResponseTimesResponse {
  @ApiProperty(MAYBE_WHEN) agentRequestedAt!: string | null;
  @ApiProperty(MAYBE_WHEN) firstResponseAt!: string | null;
  @ApiProperty(MAYBE_WHEN) resolvedAt!: string | null;
}

export class CaseSatisfactionResponse {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 }) score!: number;
  @ApiProperty({ type: String, nullable: true, example: 'Quick and kind' }) comment!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mia from Support' }) agent!: string | null;
  @ApiProperty(MAYBE_WHEN) at!: string | null;
}

export class CaseResponse {
  @ApiProperty({ example: 42 }) number!: number;
  @ApiProperty({ enum: CaseType, enumName: 'CaseType', example: CaseType.BUG }) type!: CaseType;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus', example: CaseStatus.OPEN }) status!: CaseStatus;
  @ApiProperty({ enum: CasePriority, enumName: 'CasePriority', example: CasePriority.NORMAL }) priority!: CasePriority;
  @ApiProperty({ example: 'Crash when opening the map' }) title!: string;
  @ApiProperty({ example: 'The game closes as soon as I press M.' }) description!: string;
  @ApiProperty({ type: CaseReporterResponse }) reporter!: CaseReporterResponse;
  @ApiProperty(SNOWFLAKE) guildId!: string | null;
  @ApiProperty(SNOWFLAKE) channelId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Mia from Support' }) assignee!: string | null;
  @ApiProperty(WHEN) createdAt!: string;
  @ApiProperty(WHEN) updatedAt!: string;
  @ApiProperty(MAYBE_WHEN) closedAt!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true, description: "A community report's form answers", example: { steps: 'Open the map', platform: 'PC' } })
  fields!: Record<string, string> | null;
  @ApiProperty({ type: String, nullable: true, example: 'en', description: 'The language the report is written in' }) language!: string | null;
  @ApiProperty({ example: 3, description: '"Me too" votes' }) votes!: number;
  @ApiProperty({ type: Number, nullable: true, example: null, description: 'The master case this duplicate was merged into' }) mergedInto!: number | null;
  @ApiProperty({ type: CaseResponseTimesResponse }) responseTimes!: CaseResponseTimesResponse;
  @ApiProperty({ type: CaseSatisfactionResponse, nullable: true }) satisfaction!: CaseSatisfactionResponse | null;
}

export class CaseEventResponse {
  @ApiProperty({ example: '17' }) id!: string;
  @ApiProperty({ enum: CaseEventType, enumName: 'CaseEventType', example: CaseEventType.NOTE }) type!: CaseEventType;
  @ApiProperty({ example: 'api:support-dashboard' }) actor!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Depends on the type, e.g. { from, to } for STATUS_CHANGED, { body, public } for NOTE', example: { body: 'Fixed in 1.2', public: true } })
  data!: Record<string, unknown>;
  @ApiProperty(WHEN) createdAt!: string;
}

export class CaseAttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'screenshot.png' }) filename!: string;
  @ApiProperty({ example: 'image/png' }) contentType!: string;
  @ApiProperty({ example: 48213 }) size!: number;
  @ApiProperty(WHEN) createdAt!: string;
}

export class CaseDetailResponse extends CaseResponse {
  @ApiProperty({ type: [CaseEventResponse], description: 'The history, oldest first' }) events!: CaseEventResponse[];
  @ApiProperty({ type: [CaseAttachmentResponse], description: 'Download with GET /api/cases/{number}/attachments/{id}' }) attachments!: CaseAttachmentResponse[];
}

export class CasePageResponse {
  @ApiProperty({ type: [CaseResponse] }) items!: CaseResponse[];
  @ApiProperty({ type: String, nullable: true, example: 'eyJuIjo0Mn0', description: 'Pass as cursor for the next page; null on the last one' }) nextCursor!: string | null;
}

export class DurationsResponse {
  @ApiProperty({ example: 12 }) count!: number;
  @ApiProperty({ type: Number, nullable: true, example: 340 }) medianSeconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 1800 }) p90Seconds!: number | null;
}

export class ResponseTimesResponse {
  @ApiProperty({ type: DurationsResponse }) firstResponse!: DurationsResponse;
  @ApiProperty({ type: DurationsResponse }) resolution!: DurationsResponse;
}

export class WeeklyResponseTimesResponse extends ResponseTimesResponse {
  @ApiProperty({ example: '2026-05-04', description: 'The ISO week, by its Monday (UTC)' }) week!: string;
}

const byKeys = (keys: string[], schema: SchemaObjectMetadata) => ({ type: 'object' as const, properties: Object.fromEntries(keys.map((k) => [k, schema])), required: keys });

export class ResponseTimesByTypeResponse {
  @ApiProperty({ type: ResponseTimesResponse }) BUG!: ResponseTimesResponse;
  @ApiProperty({ type: ResponseTimesResponse }) FEATURE!: ResponseTimesResponse;
  @ApiProperty({ type: ResponseTimesResponse }) HELP!: ResponseTimesResponse;
}

export class CaseResponseTimeStatsResponse {
  @ApiProperty({ type: ResponseTimesByTypeResponse }) byType!: ResponseTimesByTypeResponse;
  @ApiProperty({ type: [WeeklyResponseTimesResponse] }) byWeek!: WeeklyResponseTimesResponse[];
}

export class WeeklySatisfactionResponse {
  @ApiProperty({ example: '2026-05-04' }) week!: string;
  @ApiProperty({ example: 4.5 }) average!: number;
  @ApiProperty({ example: 8 }) count!: number;
}

export class AgentSatisfactionResponse {
  @ApiProperty({ type: String, nullable: true, example: 'Mia from Support' }) agent!: string | null;
  @ApiProperty({ example: 4.5 }) average!: number;
  @ApiProperty({ example: 8 }) count!: number;
}

export class SatisfactionStatsResponse {
  @ApiProperty({ type: [WeeklySatisfactionResponse] }) byWeek!: WeeklySatisfactionResponse[];
  @ApiProperty({ type: [AgentSatisfactionResponse] }) byAgent!: AgentSatisfactionResponse[];
}

export class CaseStatsResponse {
  @ApiProperty({
    ...byKeys(Object.values(CaseType), byKeys(Object.values(CaseStatus), { type: 'integer', example: 3 })),
    description: 'Cases by type, then by status',
  })
  counts!: Record<CaseType, Record<CaseStatus, number>>;
  @ApiProperty({ example: 57 }) total!: number;
  @ApiProperty({ example: 12 }) open!: number;
  @ApiProperty({ type: Number, nullable: true, example: 86400, description: 'Age of the oldest open case; null when none is open' }) oldestOpenAgeSeconds!: number | null;
  @ApiProperty({ type: CaseResponseTimeStatsResponse }) responseTimes!: CaseResponseTimeStatsResponse;
  @ApiProperty({ type: SatisfactionStatsResponse }) satisfaction!: SatisfactionStatsResponse;
}
