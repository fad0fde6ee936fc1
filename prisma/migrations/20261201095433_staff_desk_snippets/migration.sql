-- CreateTable
CREATE TABLE "Snippet" (
    "id" UUID NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "texts" JSONB NOT NULL,
    "updatedBy" VARCHAR(100) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Snippet_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Snippet_name_key" ON "Snippet"("name");
