-- CreateEnum
CREATE TYPE "AnnouncementSource" AS ENUM ('MANUAL', 'FEED');

-- CreateEnum
CREATE TYPE "AnnouncementStatus" AS ENUM ('DRAFT', 'SCHEDULED', 'POSTED', 'FAILED', 'CANCELLED', 'DELETED');

-- CreateTable
CREATE TABLE "Announcement" (
    "id" UUID NOT NULL,
    "source" "AnnouncementSource" NOT NULL,
    "status" "AnnouncementStatus" NOT NULL,
    "title" VARCHAR(256) NOT NULL,
    "body" TEXT NOT NULL,
    "url" TEXT,
    "imageUrl" TEXT,
    "sourceName" VARCHAR(200),
    "mentionRoleId" VARCHAR(20),
    "channelId" VARCHAR(20) NOT NULL,
    "postAt" TIMESTAMPTZ(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "syncedRevision" INTEGER NOT NULL DEFAULT 0,
    "messageId" VARCHAR(20),
    "crosspostDone" BOOLEAN NOT NULL DEFAULT false,
    "messageRemoved" BOOLEAN NOT NULL DEFAULT false,
    "createdBy" VARCHAR(120) NOT NULL,
    "itemPublishedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "postedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedState" (
    "name" VARCHAR(64) NOT NULL,
    "url" TEXT NOT NULL,
    "etag" TEXT,
    "lastModified" TEXT,
    "primed" BOOLEAN NOT NULL DEFAULT false,
    "nextPollAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseUntil" TIMESTAMPTZ(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastPollAt" TIMESTAMPTZ(3),
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastErrorAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FeedState_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "FeedItem" (
    "feedName" VARCHAR(64) NOT NULL,
    "itemKey" VARCHAR(64) NOT NULL,
    "announcementId" UUID,
    "seenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedItem_pkey" PRIMARY KEY ("feedName","itemKey")
);

-- CreateIndex
CREATE INDEX "Announcement_status_postAt_idx" ON "Announcement"("status", "postAt");

-- CreateIndex
CREATE INDEX "Announcement_createdAt_idx" ON "Announcement"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedItem_announcementId_key" ON "FeedItem"("announcementId");

-- AddForeignKey
ALTER TABLE "FeedItem" ADD CONSTRAINT "FeedItem_feedName_fkey" FOREIGN KEY ("feedName") REFERENCES "FeedState"("name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedItem" ADD CONSTRAINT "FeedItem_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE SET NULL ON UPDATE CASCADE;
