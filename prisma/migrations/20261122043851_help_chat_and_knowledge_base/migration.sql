-- CreateEnum
CREATE TYPE "ConversationMode" AS ENUM ('BOT', 'AGENT_REQUESTED', 'AGENT', 'CLOSED');

-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "AuthorKind" AS ENUM ('PLAYER', 'BOT', 'AGENT', 'SYSTEM');

-- CreateTable
CREATE TABLE "CaseAttachment" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "filename" VARCHAR(255) NOT NULL,
    "contentType" VARCHAR(100) NOT NULL,
    "size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "discordUserId" VARCHAR(32) NOT NULL,
    "discordUserName" VARCHAR(100) NOT NULL,
    "dmChannelId" VARCHAR(32) NOT NULL,
    "locale" VARCHAR(10) NOT NULL DEFAULT 'en',
    "mode" "ConversationMode" NOT NULL DEFAULT 'BOT',
    "transport" VARCHAR(20),
    "platformConversationId" VARCHAR(64),
    "platformInteractionId" VARCHAR(64),
    "platformChannelId" VARCHAR(64),
    "agentName" VARCHAR(100),
    "caseId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" BIGSERIAL NOT NULL,
    "conversationId" UUID NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "authorKind" "AuthorKind" NOT NULL,
    "authorName" VARCHAR(100),
    "body" TEXT NOT NULL,
    "discordMessageId" VARCHAR(32),
    "platformMessageId" VARCHAR(64),
    "details" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" UUID NOT NULL,
    "slug" VARCHAR(100) NOT NULL,
    "locale" VARCHAR(5) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL,
    "tags" TEXT[],
    -- Generated in the article's own language so stemming and stop words fit it, and the title weighs more than body.
    "search" tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector(CASE "locale" WHEN 'fr' THEN 'french'::regconfig WHEN 'es' THEN 'spanish'::regconfig
        WHEN 'de' THEN 'german'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig ELSE 'english'::regconfig END, "title"), 'A') ||
      setweight(to_tsvector(CASE "locale" WHEN 'fr' THEN 'french'::regconfig WHEN 'es' THEN 'spanish'::regconfig
        WHEN 'de' THEN 'german'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig ELSE 'english'::regconfig END, "body"), 'B')
    ) STORED,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseAttachment_caseId_idx" ON "CaseAttachment"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_platformConversationId_key" ON "Conversation"("platformConversationId");

-- CreateIndex
CREATE INDEX "Conversation_discordUserId_createdAt_idx" ON "Conversation"("discordUserId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_mode_updatedAt_idx" ON "Conversation"("mode", "updatedAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_caseId_idx" ON "Conversation"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_discordMessageId_key" ON "Message"("discordMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_platformMessageId_key" ON "Message"("platformMessageId");

-- CreateIndex
CREATE INDEX "Message_conversationId_id_idx" ON "Message"("conversationId", "id");

-- CreateIndex
CREATE INDEX "Article_locale_idx" ON "Article"("locale");

-- CreateIndex
CREATE INDEX "Article_search_idx" ON "Article" USING GIN ("search");

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_locale_key" ON "Article"("slug", "locale");

-- AddForeignKey
ALTER TABLE "CaseAttachment" ADD CONSTRAINT "CaseAttachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma cannot express partial indexes): at most one help chat per player is
-- not CLOSED, so concurrent DMs cannot open two.
CREATE UNIQUE INDEX "Conversation_one_open_per_player" ON "Conversation"("discordUserId") WHERE "mode" <> 'CLOSED';
