-- DropIndex
DROP INDEX "Article_search_idx";

-- AlterTable
ALTER TABLE "Article" DROP COLUMN "search";
