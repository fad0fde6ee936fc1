-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "reporterLocale" VARCHAR(5);

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "aliases" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "BotSuggestion" (
    "id" UUID NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "slugs" TEXT[],
    "helpful" BOOLEAN,
    "voterId" VARCHAR(32),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "votedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BotSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BotSuggestion_voterId_votedAt_idx" ON "BotSuggestion"("voterId", "votedAt");
