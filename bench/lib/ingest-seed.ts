import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { FakeDiscord } from '../../test/fakes/discord';

export interface SeededConversation {
  sid: string;
  dmChannelId: string;
}

/** 1,000 help chats already handed to an agent: the mapping rows the webhook looks up. */
export async function seedConversations(databaseUrl: string, discord: FakeDiscord, count: number): Promise<SeededConversation[]> {
  const users = Array.from({ length: count }, (_, i) => discord.user({ username: `player${i}` }));
  const rows = users.map((user) => ({ user, sid: `CH${randomBytes(16).toString('hex')}`, dmChannelId: discord.dmChannelFor(user.id).payload.id }));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Conversation" ("id", "playerId", "playerName", "playerChannelId", "locale", "mode", "platform", "platformKey", "agentName", "createdAt", "updatedAt")
       SELECT gen_random_uuid(), u.id, u.name, u.dm, 'en', 'AGENT'::"ConversationMode", 'flex', u.sid, 'Alice', now(), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, name, dm, sid)`,
      [rows.map((r) => r.user.id), rows.map((r) => r.user.username), rows.map((r) => r.dmChannelId), rows.map((r) => r.sid)],
    );
  } finally {
    await client.end();
  }
  return rows.map(({ sid, dmChannelId }) => ({ sid, dmChannelId }));
}
