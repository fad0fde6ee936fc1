-- CreateTable
CREATE TABLE "discord_rest_budget" (
    "bot" VARCHAR(64) NOT NULL,
    "nextSlotAt" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "discord_rest_budget_pkey" PRIMARY KEY ("bot")
);
