-- A person behind every API key: players see the person's display name, never a key's name.
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "displayName" VARCHAR(100) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "ApiKey" ADD COLUMN "personId" UUID;

-- Key names that differ only in case ("BOOTSTRAP" beside "bootstrap") could pose as one another:
-- the later ones get their id's start appended so the case-insensitive index below can be built.
UPDATE "ApiKey" k SET "name" = left(k."name", 90) || '-' || left(k."id"::text, 8)
WHERE EXISTS (
    SELECT 1 FROM "ApiKey" o
    WHERE lower(o."name") = lower(k."name") AND (o."createdAt", o."id") < (k."createdAt", k."id")
);

-- Each existing key gets a person of its own, named like the key (a lead can give a better name).
INSERT INTO "Person" ("id", "displayName", "createdAt") SELECT "id", "name", "createdAt" FROM "ApiKey";
UPDATE "ApiKey" SET "personId" = "id";
ALTER TABLE "ApiKey" ALTER COLUMN "personId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "ApiKey_personId_idx" ON "ApiKey"("personId");
CREATE UNIQUE INDEX "ApiKey_name_lower_key" ON "ApiKey" (lower("name"));
CREATE UNIQUE INDEX "Person_displayName_lower_key" ON "Person" (lower("displayName"));

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
