import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import { Prisma } from '../../generated/prisma/client';
import type { CaseType } from '../../generated/prisma/enums';

/** Postgres text-search configurations of the report languages (stemming and stop words). */
const CONFIGS: Record<string, string> = { en: 'english', fr: 'french', es: 'spanish', de: 'german', pt: 'portuguese' };

export interface DuplicateQuery {
  type: CaseType;
  language: string;
  title: string;
  /** What happened / the idea: the text that carries the meaning besides the title. */
  text: string;
  /** Cases never suggested (the report's own number after filing, in the evaluation). */
  exclude?: number[];
}

export interface DuplicateCandidate {
  number: number;
  title: string;
  votes: number;
  score: number;
}

/**
 * Scores measured by `npm run eval:duplicates` (scripts/eval-duplicates.ts). Word overlap is the
 * Dice coefficient of the stemmed word sets (full-text lexemes in the new report's language) of
 * title + description; the title's trigram similarity catches inflections and typos the stemmer
 * misses. A candidate is shown at SUGGEST_SCORE or above.
 */
export const WORD_WEIGHT = 0.65;
export const TITLE_WEIGHT = 0.35;
export const SUGGEST_SCORE = 0.3;

export function duplicateSql(query: DuplicateQuery, limit: number, minScore: number): Prisma.Sql {
  const config = CONFIGS[query.language] ?? 'simple';
  const cfg = Prisma.sql`${config}::regconfig`;
  const text = `${query.title} ${query.text}`;
  const exclude = query.exclude?.length ? query.exclude : [0];
  return Prisma.sql`
    WITH q AS (SELECT tsvector_to_array(to_tsvector(${cfg}, ${text})) AS words),
    c AS (
      SELECT "number", "title", "votes",
             tsvector_to_array(to_tsvector(${cfg}, "title" || ' ' || "description")) AS words,
             similarity("title", ${query.title}) AS trgm
      FROM "Case"
      WHERE "type" = ${query.type}::"CaseType" AND "status" IN ('OPEN', 'IN_PROGRESS', 'WAITING')
        AND "mergedIntoNumber" IS NULL AND "number" <> ALL(${exclude}::int[])
    ),
    scored AS (
      SELECT c."number", c."title", c."votes",
             ${WORD_WEIGHT} * (2.0 * cardinality(ARRAY(SELECT unnest(c.words) INTERSECT SELECT unnest(q.words)))
               / GREATEST(1, cardinality(c.words) + cardinality(q.words))) + ${TITLE_WEIGHT} * c.trgm AS score
      FROM c, q
    )
    SELECT "number", "title", "votes", round(score::numeric, 3)::float8 AS score FROM scored
    WHERE score >= ${minScore} ORDER BY score DESC, "votes" DESC, "number" ASC LIMIT ${limit}`;
}

/**
 * "Is it one of these?": open, unmerged cases of the same type like a new report. Scans the open
 * cases of one type (a community has hundreds to a few thousand at once, milliseconds of work).
 */
@Injectable()
export class DuplicateFinder {
  constructor(private readonly prisma: PrismaService) {}

  find(query: DuplicateQuery, limit = 3, minScore = SUGGEST_SCORE): Promise<DuplicateCandidate[]> {
    return this.prisma.$queryRaw<DuplicateCandidate[]>(duplicateSql(query, limit, minScore));
  }
}
