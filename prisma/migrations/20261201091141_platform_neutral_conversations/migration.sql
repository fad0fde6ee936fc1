-- Conversation and Message lose their Discord/Flex column names for the core's platform-neutral
-- shape. Hand-written so no row is lost: columns are copied or renamed, Flex's SIDs move into platformRefs.

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- Conversation: the player {id, displayName, channelId}. New columns filled from the old ones
-- (rather than renamed) so their NOT NULL constraints carry the new names on PostgreSQL 18.
ALTER TABLE "Conversation" ADD COLUMN "playerId" VARCHAR(64),
                           ADD COLUMN "playerName" VARCHAR(100),
                           ADD COLUMN "playerChannelId" VARCHAR(64);
UPDATE "Conversation" SET "playerId" = "discordUserId", "playerName" = "discordUserName", "playerChannelId" = "dmChannelId";
ALTER TABLE "Conversation" ALTER COLUMN "playerId" SET NOT NULL,
                           ALTER COLUMN "playerName" SET NOT NULL,
                           ALTER COLUMN "playerChannelId" SET NOT NULL;
DROP INDEX "Conversation_one_open_per_player";
DROP INDEX "Conversation_discordUserId_createdAt_idx";
ALTER TABLE "Conversation" DROP COLUMN "discordUserId",
                           DROP COLUMN "discordUserName",
                           DROP COLUMN "dmChannelId";
CREATE INDEX "Conversation_playerId_createdAt_idx" ON "Conversation"("playerId", "createdAt" DESC);
CREATE UNIQUE INDEX "Conversation_one_open_per_player" ON "Conversation"("playerId") WHERE "mode" <> 'CLOSED';

-- Conversation: the agent platform's name, opaque key and references
ALTER TABLE "Conversation" RENAME COLUMN "transport" TO "platform";
ALTER TABLE "Conversation" RENAME COLUMN "platformConversationId" TO "platformKey";
ALTER TABLE "Conversation" ALTER COLUMN "platformKey" TYPE VARCHAR(128);
ALTER TABLE "Conversation" ADD COLUMN "platformRefs" JSONB,
                           ADD COLUMN "relayLeaseUntil" TIMESTAMPTZ(3);
UPDATE "Conversation"
SET "platformRefs" = jsonb_strip_nulls(jsonb_build_object('interactionSid', "platformInteractionId", 'channelSid', "platformChannelId"))
WHERE "platformInteractionId" IS NOT NULL OR "platformChannelId" IS NOT NULL;
ALTER TABLE "Conversation" DROP COLUMN "platformInteractionId",
                           DROP COLUMN "platformChannelId";

ALTER INDEX "Conversation_platformConversationId_key" RENAME TO "Conversation_platformKey_key";

-- Message: the player channel's message id, delivery status of outbound messages, relay attempts
ALTER TABLE "Message" RENAME COLUMN "discordMessageId" TO "playerMessageId";
ALTER TABLE "Message" ALTER COLUMN "playerMessageId" TYPE VARCHAR(64);
ALTER INDEX "Message_discordMessageId_key" RENAME TO "Message_playerMessageId_key";
ALTER TABLE "Message" ADD COLUMN "deliveryError" VARCHAR(500),
                      ADD COLUMN "deliveryStatus" "DeliveryStatus",
                      ADD COLUMN "relayAttemptedAt" TIMESTAMPTZ(3);
-- Outbound messages stored before: those with a Discord message id were sent.
UPDATE "Message" SET "deliveryStatus" = CASE WHEN "playerMessageId" IS NOT NULL THEN 'SENT'::"DeliveryStatus" ELSE 'PENDING'::"DeliveryStatus" END
WHERE "direction" = 'OUTBOUND';
