import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { Prisma } from '../generated/prisma/client';
import { CaseType } from '../generated/prisma/enums';

export interface Durations {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface ResponseTimes {
  firstResponse: Durations;
  resolution: Durations;
}

interface Row {
  key: string;
  fr_count: number;
  fr_median: number | null;
  fr_p90: number | null;
  res_count: number;
  res_median: number | null;
  res_p90: number | null;
}

interface CsatRow {
  key: string | null;
  average: number;
  count: number;
}

/** Measured from when the player asked for a person, or from the case's creation for reports. */
const START = Prisma.sql`coalesce("agentRequestedAt", "createdAt")`;
/** When a case counts as resolved: the lifecycle's resolvedAt, or its close for older cases. */
export const RESOLVED_AT = Prisma.sql`coalesce("resolvedAt", "closedAt")`;
/** Seconds to the first response and to resolution, from the lifecycle columns; /metrics uses the same. */
export const FIRST_RESPONSE_SECONDS = Prisma.sql`extract(epoch FROM "firstResponseAt" - ${START})`;
export const RESOLUTION_SECONDS = Prisma.sql`extract(epoch FROM ${RESOLVED_AT} - ${START})`;
const FIRST = FIRST_RESPONSE_SECONDS;
const RESOLUTION = RESOLUTION_SECONDS;
/** ISO weeks (Monday) in UTC, as dates. */
const weekOf = (column: Prisma.Sql) => Prisma.sql`to_char(date_trunc('week', ${column} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`;

const round = (value: number | null) => (value === null ? null : Math.round(Number(value)));
const toTimes = (row: Row): ResponseTimes => ({
  firstResponse: { count: Number(row.fr_count), medianSeconds: round(row.fr_median), p90Seconds: round(row.fr_p90) },
  resolution: { count: Number(row.res_count), medianSeconds: round(row.res_median), p90Seconds: round(row.res_p90) },
});
const empty = (): ResponseTimes => ({ firstResponse: { count: 0, medianSeconds: null, p90Seconds: null }, resolution: { count: 0, medianSeconds: null, p90Seconds: null } });

/** GET /api/cases/stats's response-time and satisfaction figures, computed by Postgres (percentile_cont). */
@Injectable()
export class CaseResponseStats {
  constructor(private readonly prisma: PrismaService) {}

  private durations(key: Prisma.Sql): Promise<Row[]> {
    return this.prisma.$queryRaw<Row[]>`
      SELECT ${key} AS key,
        count("firstResponseAt")::int AS fr_count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${FIRST}) FILTER (WHERE "firstResponseAt" IS NOT NULL) AS fr_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${FIRST}) FILTER (WHERE "firstResponseAt" IS NOT NULL) AS fr_p90,
        count(coalesce("resolvedAt", "closedAt"))::int AS res_count,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ${RESOLUTION}) FILTER (WHERE coalesce("resolvedAt", "closedAt") IS NOT NULL) AS res_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY ${RESOLUTION}) FILTER (WHERE coalesce("resolvedAt", "closedAt") IS NOT NULL) AS res_p90
      FROM "Case" GROUP BY 1 ORDER BY 1`;
  }

  async responseTimes(): Promise<{ byType: Record<CaseType, ResponseTimes>; byWeek: ({ week: string } & ResponseTimes)[] }> {
    const [types, weeks] = await Promise.all([this.durations(Prisma.sql`"type"::text`), this.durations(weekOf(START))]);
    const byType = Object.fromEntries(Object.values(CaseType).map((type) => [type, empty()])) as Record<CaseType, ResponseTimes>;
    for (const row of types) byType[row.key as CaseType] = toTimes(row);
    return { byType, byWeek: weeks.map((row) => ({ week: row.key, ...toTimes(row) })) };
  }

  async satisfaction(): Promise<{ byWeek: { week: string; average: number; count: number }[]; byAgent: { agent: string | null; average: number; count: number }[] }> {
    const query = (key: Prisma.Sql) => this.prisma.$queryRaw<CsatRow[]>`
      SELECT ${key} AS key, round(avg("csatScore")::numeric, 2)::float8 AS average, count(*)::int AS count
      FROM "Case" WHERE "csatScore" IS NOT NULL GROUP BY 1 ORDER BY 1`;
    const [weeks, agents] = await Promise.all([query(weekOf(Prisma.sql`"csatAt"`)), query(Prisma.sql`"csatAgent"`)]);
    return {
      byWeek: weeks.map((row) => ({ week: row.key!, average: row.average, count: row.count })),
      byAgent: agents.map((row) => ({ agent: row.key, average: row.average, count: row.count })),
    };
  }
}
