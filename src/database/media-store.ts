import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';

export interface MediaRow {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface NewMessageRow {
  conversationId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  authorKind: 'PLAYER' | 'BOT' | 'AGENT' | 'SYSTEM';
  authorName: string | null;
  body: string;
  discordMessageId: string | null;
  details: unknown;
}

/**
 * Writes file bytes straight through pg, bypassing Prisma: Prisma's query engine passes Bytes as
 * base64 text through its compiler, which measured ~32 MB of resident memory per 8 MiB file (and
 * kept much of it); pg sends a Buffer as one binary parameter. A small pool of its own.
 */
@Injectable()
export class MediaStore implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 2 });
  }

  /** Inserts a message with its files in one transaction; null when its Discord message id is already stored. */
  async insertMessageWithMedia(message: NewMessageRow, media: MediaRow[]): Promise<bigint | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO "Message" ("conversationId", "direction", "authorKind", "authorName", "body", "discordMessageId", "details")
         VALUES ($1, $2::"MessageDirection", $3::"AuthorKind", $4, $5, $6, $7::jsonb)
         ON CONFLICT ("discordMessageId") DO NOTHING RETURNING "id"`,
        [message.conversationId, message.direction, message.authorKind, message.authorName, message.body, message.discordMessageId, message.details === undefined ? null : JSON.stringify(message.details)],
      );
      if (inserted.rows.length === 0) {
        await client.query('ROLLBACK');
        return null;
      }
      const id = inserted.rows[0].id;
      for (const file of media) {
        await client.query(
          `INSERT INTO "MessageMedia" ("id", "messageId", "filename", "contentType", "size", "data") VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
          [id, file.filename, file.contentType, file.data.length, file.data],
        );
      }
      await client.query('COMMIT');
      return BigInt(id);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}
