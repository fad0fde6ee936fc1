-- Written by hand (Prisma cannot express column storage): keep each article's tsvector inside its
-- row instead of TOAST, so ranking a search's candidates reads no out-of-line data. The body still
-- goes to TOAST and is read only for the few excerpts returned. Measured in bench/ (scenario E).
ALTER TABLE "Article" ALTER COLUMN "search" SET STORAGE MAIN;

-- Rewrite existing rows so their vectors move inline now rather than at their next update.
UPDATE "Article" SET "title" = "title";
