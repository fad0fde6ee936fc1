-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "importedAt" TIMESTAMPTZ(3);

-- Existing articles count as imported as they are now, so the next import may update them.
UPDATE "Article" SET "importedAt" = "updatedAt";
