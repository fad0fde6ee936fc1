import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, listMigrations, MIGRATIONS_DIR } from '../src/database/migrator';
import { createTestDatabase } from './utils/test-database';

const MIGRATION = listMigrations().find((name) => name.endsWith('_platform_neutral_conversations'))!;

/** The move to platform-neutral conversations keeps every row: a database with chats from before is migrated. */
describe(`migration ${MIGRATION}`, () => {
  it('moves Discord/Flex columns to the player, platform key and refs, and records old outbound messages as sent', async () => {
    const db = await createTestDatabase();
    const before = mkdtempSync(join(tmpdir(), 'migrations-before-'));
    const client = new Client({ connectionString: db.url });
    try {
      for (const name of listMigrations().filter((n) => n < MIGRATION)) cpSync(join(MIGRATIONS_DIR, name), join(before, name), { recursive: true });
      cpSync(join(MIGRATIONS_DIR, 'migration_lock.toml'), join(before, 'migration_lock.toml'));
      await client.connect();
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await applyMigrations(db.url, before);

      await client.query(`
        INSERT INTO "Conversation" ("id", "discordUserId", "discordUserName", "dmChannelId", "locale", "mode", "transport", "platformConversationId", "platformInteractionId", "platformChannelId", "agentName", "updatedAt")
        VALUES ('11111111-1111-4111-8111-111111111111', '301', 'Ash', '401', 'fr', 'AGENT', 'flex', 'CH${'a'.repeat(32)}', 'KD${'b'.repeat(32)}', 'UO${'c'.repeat(32)}', 'Alice', now()),
               ('22222222-2222-4222-8222-222222222222', '302', 'Misty', '402', 'en', 'BOT', NULL, NULL, NULL, NULL, NULL, now())`);
      await client.query(`
        INSERT INTO "Message" ("conversationId", "direction", "authorKind", "authorName", "body", "discordMessageId", "platformMessageId")
        VALUES ('11111111-1111-4111-8111-111111111111', 'INBOUND', 'PLAYER', 'Ash', 'hello', '501', NULL),
               ('11111111-1111-4111-8111-111111111111', 'OUTBOUND', 'AGENT', 'Alice', 'hi there', '502', 'IM${'d'.repeat(32)}'),
               ('11111111-1111-4111-8111-111111111111', 'OUTBOUND', 'SYSTEM', 'system', 'never sent', NULL, NULL)`);

      // Later migrations follow it; this one must be the first applied here.
      expect((await applyMigrations(db.url))[0]).toBe(MIGRATION);

      const chats = (await client.query(`SELECT "id", "playerId", "playerName", "playerChannelId", "locale", "mode", "platform", "platformKey", "platformRefs", "agentName" FROM "Conversation" ORDER BY "id"`)).rows;
      expect(chats).toEqual([
        { id: '11111111-1111-4111-8111-111111111111', playerId: '301', playerName: 'Ash', playerChannelId: '401', locale: 'fr', mode: 'AGENT', platform: 'flex', platformKey: `CH${'a'.repeat(32)}`, platformRefs: { interactionSid: `KD${'b'.repeat(32)}`, channelSid: `UO${'c'.repeat(32)}` }, agentName: 'Alice' },
        { id: '22222222-2222-4222-8222-222222222222', playerId: '302', playerName: 'Misty', playerChannelId: '402', locale: 'en', mode: 'BOT', platform: null, platformKey: null, platformRefs: null, agentName: null },
      ]);
      const messages = (await client.query(`SELECT "body", "playerMessageId", "platformMessageId", "deliveryStatus" FROM "Message" ORDER BY "id"`)).rows;
      expect(messages).toEqual([
        { body: 'hello', playerMessageId: '501', platformMessageId: null, deliveryStatus: null },
        { body: 'hi there', playerMessageId: '502', platformMessageId: `IM${'d'.repeat(32)}`, deliveryStatus: 'SENT' },
        { body: 'never sent', playerMessageId: null, platformMessageId: null, deliveryStatus: 'PENDING' },
      ]);
      // Still one open chat per player.
      await expect(client.query(`INSERT INTO "Conversation" ("id", "playerId", "playerName", "playerChannelId", "updatedAt") VALUES (gen_random_uuid(), '301', 'Ash', '401', now())`)).rejects.toThrow(/Conversation_one_open_per_player/);
    } finally {
      await client.end();
      rmSync(before, { recursive: true, force: true });
      await db.drop();
    }
  });
});
