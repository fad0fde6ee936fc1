-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CaseEventType" ADD VALUE 'SLA_BREACHED';
ALTER TYPE "CaseEventType" ADD VALUE 'AUTO_CLOSED';
ALTER TYPE "CaseEventType" ADD VALUE 'SATISFACTION';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "agentRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "csatAgent" VARCHAR(100),
ADD COLUMN     "csatAt" TIMESTAMPTZ(3),
ADD COLUMN     "csatComment" VARCHAR(1000),
ADD COLUMN     "csatScore" SMALLINT,
ADD COLUMN     "firstResponseAt" TIMESTAMPTZ(3),
ADD COLUMN     "resolvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaBreachedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "agentRepliedAt" TIMESTAMPTZ(3),
ADD COLUMN     "awaitingPlayerSince" TIMESTAMPTZ(3),
ADD COLUMN     "csatAnsweredAt" TIMESTAMPTZ(3),
ADD COLUMN     "csatSentAt" TIMESTAMPTZ(3),
ADD COLUMN     "playerRemindedAt" TIMESTAMPTZ(3),
ADD COLUMN     "slaAlerts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "slaStartsAt" TIMESTAMPTZ(3);
