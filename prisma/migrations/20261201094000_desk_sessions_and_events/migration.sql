-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "csrfToken" VARCHAR(64) NOT NULL,
    "apiKeyId" UUID,
    "discordUserId" VARCHAR(32),
    "displayName" VARCHAR(100) NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeskEvent" (
    "id" BIGSERIAL NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "DeskEvent_createdAt_idx" ON "DeskEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the live-update feed (GET /api/events). Triggers write the changes the desk and
-- integrations follow, in the same transaction as the change itself, so nothing is announced that
-- was not committed and every replica reads the same feed.
-- The function bodies are E'' strings with \073 for each semicolon: Prisma's migration runner splits
-- scripts at every semicolon character, so the bodies must not contain one.
CREATE FUNCTION "desk_event_on_message"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "DeskEvent" ("kind", "data") VALUES (''chat.message'', jsonb_build_object(
    ''conversationId'', NEW."conversationId",
    ''caseNumber'', (SELECT c."number" FROM "Conversation" v JOIN "Case" c ON c."id" = v."caseId" WHERE v."id" = NEW."conversationId"),
    ''messageId'', NEW."id"::text,
    ''authorKind'', NEW."authorKind",
    ''authorName'', NEW."authorName",
    ''body'', left(NEW."body", 500),
    ''createdAt'', NEW."createdAt"))\073
  RETURN NULL\073
END ';

CREATE FUNCTION "desk_event_on_conversation"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF NEW."mode" IS DISTINCT FROM OLD."mode" OR NEW."agentName" IS DISTINCT FROM OLD."agentName" OR NEW."caseId" IS DISTINCT FROM OLD."caseId" THEN
    INSERT INTO "DeskEvent" ("kind", "data") VALUES (
      -- The core moves a chat to AGENT_REQUESTED first and links its case right after: "waiting" is
      -- announced once the case is there, so the desk can show its number.
      CASE WHEN NEW."mode" = ''AGENT_REQUESTED'' AND NEW."caseId" IS NOT NULL
                AND (OLD."mode" <> ''AGENT_REQUESTED'' OR OLD."caseId" IS NULL) THEN ''chat.waiting'' ELSE ''chat.changed'' END,
      jsonb_build_object(
        ''conversationId'', NEW."id",
        ''caseNumber'', (SELECT c."number" FROM "Case" c WHERE c."id" = NEW."caseId"),
        ''mode'', NEW."mode",
        ''playerName'', NEW."playerName",
        ''locale'', NEW."locale",
        ''agentName'', NEW."agentName"))\073
  END IF\073
  RETURN NULL\073
END ';

CREATE FUNCTION "desk_event_on_case_event"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "DeskEvent" ("kind", "data") VALUES (''case.changed'', jsonb_build_object(
    ''caseNumber'', (SELECT c."number" FROM "Case" c WHERE c."id" = NEW."caseId"),
    ''type'', NEW."type",
    ''actor'', NEW."actor",
    ''data'', NEW."data",
    ''createdAt'', NEW."createdAt"))\073
  RETURN NULL\073
END ';

CREATE TRIGGER "Message_desk_event" AFTER INSERT ON "Message" FOR EACH ROW EXECUTE FUNCTION "desk_event_on_message"();
CREATE TRIGGER "Conversation_desk_event" AFTER UPDATE ON "Conversation" FOR EACH ROW EXECUTE FUNCTION "desk_event_on_conversation"();
CREATE TRIGGER "CaseEvent_desk_event" AFTER INSERT ON "CaseEvent" FOR EACH ROW EXECUTE FUNCTION "desk_event_on_case_event"();
