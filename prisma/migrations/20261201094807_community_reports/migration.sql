-- Trigram similarity for duplicate suggestions (a contrib extension, shipped with Postgres and the embedded binaries).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterEnum
ALTER TYPE "CaseEventType" ADD VALUE 'MERGED';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "boardAttemptedAt" TIMESTAMPTZ(3),
ADD COLUMN     "boardChannelId" VARCHAR(32),
ADD COLUMN     "boardMessageId" VARCHAR(32),
ADD COLUMN     "boardRevision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "boardSyncedRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "boardThreadId" VARCHAR(32),
ADD COLUMN     "fields" JSONB,
ADD COLUMN     "mergedIntoNumber" INTEGER,
ADD COLUMN     "reportLanguage" VARCHAR(5),
ADD COLUMN     "votes" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CaseVote" (
    "caseId" UUID NOT NULL,
    "userId" VARCHAR(32) NOT NULL,
    "userName" VARCHAR(100) NOT NULL,
    "notify" BOOLEAN NOT NULL DEFAULT false,
    "locale" VARCHAR(10) NOT NULL DEFAULT 'en',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseVote_pkey" PRIMARY KEY ("caseId","userId")
);

-- CreateTable
CREATE TABLE "ReportDraft" (
    "id" UUID NOT NULL,
    "type" "CaseType" NOT NULL,
    "userId" VARCHAR(32) NOT NULL,
    "userName" VARCHAR(100) NOT NULL,
    "guildId" VARCHAR(32) NOT NULL,
    "channelId" VARCHAR(32) NOT NULL,
    "locale" VARCHAR(10) NOT NULL,
    "priority" "CasePriority" NOT NULL DEFAULT 'NORMAL',
    "screenshot" JSONB,
    "form" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseVote_userId_idx" ON "CaseVote"("userId");

-- CreateIndex
CREATE INDEX "ReportDraft_createdAt_idx" ON "ReportDraft"("createdAt");

-- CreateIndex
CREATE INDEX "Case_votes_number_idx" ON "Case"("votes", "number");

-- AddForeignKey
ALTER TABLE "CaseVote" ADD CONSTRAINT "CaseVote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Case_title_trgm_idx" ON "Case" USING GIN ("title" gin_trgm_ops);
