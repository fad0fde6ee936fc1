-- DropIndex
DROP INDEX "Case_priority_number_idx";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "relayPending" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "MessageMedia" (
    "id" UUID NOT NULL,
    "messageId" BIGINT NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "contentType" VARCHAR(100) NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageMedia_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MessageMedia_messageId_idx" ON "MessageMedia"("messageId");

-- CreateIndex
CREATE INDEX "Case_priority_number_idx" ON "Case"("priority", "number");

-- AddForeignKey
ALTER TABLE "MessageMedia" ADD CONSTRAINT "MessageMedia_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
