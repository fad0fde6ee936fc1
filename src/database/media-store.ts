import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

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
  /** The player channel's id of the message (unique): a redelivered message is stored once. */
  playerMessageId: string | null;
  details: unknown;
}

/** COPY's binary format: a signature, flags and header-extension length, then tuples, then -1. */
const COPY_SIGNATURE = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
const COPY_TRAILER = Buffer.from([0xff, 0xff]);

const int16 = (value: number) => Buffer.from([(value >> 8) & 0xff, value & 0xff]);
const int32 = (value: number) => {
  const buffer = Buffer.allocUnsafe(4);
  buffer.writeInt32BE(value);
  return buffer;
};
const field = (bytes: Buffer) => [int32(bytes.length), bytes];

/** One MessageMedia tuple; the file's bytes are written as they are, never copied. */
function* mediaTuples(messageId: string, media: MediaRow[]): Generator<Buffer> {
  yield COPY_SIGNATURE;
  for (const file of media) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
    const message = Buffer.allocUnsafe(8);
    message.writeBigInt64BE(BigInt(messageId));
    const fixed = [id, message, Buffer.from(file.filename), Buffer.from(file.contentType), int32(file.data.length)];
    // Six fields: five small ones, then the data's length and the data itself.
    yield Buffer.concat([int16(6), ...fixed.flatMap(field), int32(file.data.length)]);
    yield file.data;
  }
  yield COPY_TRAILER;
}

/**
 * Writes file bytes straight through pg, bypassing Prisma: Prisma's query engine passes Bytes as
 * base64 text through its compiler, which measured ~32 MB of resident memory per 8 MiB file (and
 * kept much of it). Even a pg parameter is copied twice into the protocol's buffers; COPY FROM
 * STDIN in the binary format sends the file's own buffer to the socket. A small pool of its own.
 */
@Injectable()
export class MediaStore implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(connectionString: string) {
    this.pool = new Pool({ connectionString, max: 2 });
  }

  /** Inserts a message with its files in one transaction; null when its player-channel message id is already stored. */
  async insertMessageWithMedia(message: NewMessageRow, media: MediaRow[]): Promise<bigint | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO "Message" ("conversationId", "direction", "authorKind", "authorName", "body", "playerMessageId", "details")
         VALUES ($1, $2::"MessageDirection", $3::"AuthorKind", $4, $5, $6, $7::jsonb)
         ON CONFLICT ("playerMessageId") DO NOTHING RETURNING "id"`,
        [message.conversationId, message.direction, message.authorKind, message.authorName, message.body, message.playerMessageId, message.details === undefined ? null : JSON.stringify(message.details)],
      );
      if (inserted.rows.length === 0) {
        await client.query('ROLLBACK');
        return null;
      }
      const id = inserted.rows[0].id;
      if (media.length > 0) {
        // The column left out ("createdAt") takes its default.
        const copy = client.query(copyFrom(`COPY "MessageMedia" ("id", "messageId", "filename", "contentType", "size", "data") FROM STDIN (FORMAT binary)`));
        await pipeline(Readable.from(mediaTuples(id, media), { objectMode: false }), copy);
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
