import type { PrismaService } from '../database/prisma.service';
import type { ArticleFile } from './kb-files';

/**
 * Loads kb/ files idempotently: inserts new articles, updates changed ones, and never overwrites
 * one edited through the API since it was imported (or created there): an import sets importedAt
 * to the same instant as updatedAt, and any other write moves updatedAt on. Those are reported.
 */
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Articles the files would change but that were edited through the API: left as they are. */
  skipped: { slug: string; locale: string }[];
}

const BATCH = 500;

export async function importArticleFiles(
  prisma: PrismaService,
  files: ArticleFile[],
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ImportResult> {
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, skipped: [] };
  for (let start = 0; start < files.length; start += BATCH) {
    const batch = files.slice(start, start + BATCH);
    // One statement, one snapshot: `edited` sees the rows as they were before `written` changes them.
    const [row] = await prisma.$queryRaw<{ created: number; updated: number; skipped: { slug: string; locale: string }[] }[]>`
      WITH f AS (
        SELECT f.slug, f.locale, f.title, f.body, ARRAY(SELECT jsonb_array_elements_text(f.tags)) AS tags,
               ARRAY(SELECT jsonb_array_elements_text(COALESCE(f.keywords, '[]'::jsonb))) AS keywords,
               ARRAY(SELECT jsonb_array_elements_text(COALESCE(f.aliases, '[]'::jsonb))) AS aliases,
               ARRAY(SELECT jsonb_array_elements_text(COALESCE(f.questions, '[]'::jsonb))) AS questions
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS f(slug text, locale text, title text, body text, tags jsonb, keywords jsonb, aliases jsonb, questions jsonb)
      ), edited AS (
        SELECT a."slug", a."locale" FROM "Article" a JOIN f ON f.slug = a."slug" AND f.locale = a."locale"
        WHERE a."importedAt" IS DISTINCT FROM a."updatedAt"
          AND (a."title", a."body", a."tags", a."keywords", a."aliases", a."questions") IS DISTINCT FROM (f.title, f.body, f.tags, f.keywords, f.aliases, f.questions)
      ), written AS (
        INSERT INTO "Article" ("id", "slug", "locale", "title", "body", "tags", "keywords", "aliases", "questions", "updatedAt", "importedAt")
        SELECT gen_random_uuid(), f.slug, f.locale, f.title, f.body, f.tags, f.keywords, f.aliases, f.questions, now(), now() FROM f
        ON CONFLICT ("slug", "locale") DO UPDATE
          SET "title" = EXCLUDED."title", "body" = EXCLUDED."body", "tags" = EXCLUDED."tags",
              "keywords" = EXCLUDED."keywords", "aliases" = EXCLUDED."aliases", "questions" = EXCLUDED."questions",
              "updatedAt" = EXCLUDED."updatedAt", "importedAt" = EXCLUDED."importedAt"
          WHERE "Article"."importedAt" IS NOT DISTINCT FROM "Article"."updatedAt"
            AND ("Article"."title", "Article"."body", "Article"."tags", "Article"."keywords", "Article"."aliases", "Article"."questions")
                IS DISTINCT FROM (EXCLUDED."title", EXCLUDED."body", EXCLUDED."tags", EXCLUDED."keywords", EXCLUDED."aliases", EXCLUDED."questions")
        RETURNING (xmax = 0) AS inserted
      )
      SELECT (SELECT count(*) FILTER (WHERE inserted) FROM written)::int AS created,
             (SELECT count(*) FILTER (WHERE NOT inserted) FROM written)::int AS updated,
             (SELECT coalesce(json_agg(json_build_object('slug', "slug", 'locale', "locale") ORDER BY "locale", "slug"), '[]'::json) FROM edited) AS skipped`;
    result.created += row.created;
    result.updated += row.updated;
    result.skipped.push(...row.skipped);
    onProgress(Math.min(start + BATCH, files.length), files.length);
  }
  result.unchanged = files.length - result.created - result.updated - result.skipped.length;
  return result;
}
