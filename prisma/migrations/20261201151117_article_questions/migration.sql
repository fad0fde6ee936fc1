-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "questions" TEXT[] DEFAULT ARRAY[]::TEXT[];
