import { PrismaService } from '../database/prisma.service';

export interface NewJob {
  kind: string;
  payload: unknown;
  dedupeKey: string | null;
  maxAttempts: number;
  delayMs: number;
}

interface Waiting extends NewJob {
  resolve: (result: { id: string | null; created: boolean }) => void;
  reject: (error: unknown) => void;
}

/** Enough rows that one statement stays small; a busier moment simply makes several groups. */
const MAX_GROUP = 200;

/**
 * Group commit for enqueues: every job enqueued in the same turn of the event loop (a burst of
 * webhooks parsed together) is written by ONE multi-row INSERT, and each caller is answered when
 * that statement commits — the same durability as one INSERT per job at a fraction of the round
 * trips. Duplicate dedupe keys, in the table or within the group, are skipped as before.
 */
export class JobBatchWriter {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly prisma: PrismaService) {}

  write(job: NewJob): Promise<{ id: string | null; created: boolean }> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...job, resolve, reject });
      if (this.waiting.length >= MAX_GROUP) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const group = this.waiting.splice(0, MAX_GROUP);
    if (group.length === 0) return;
    if (this.waiting.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    this.insert(group).catch((error: unknown) => this.oneByOne(group, error));
  }

  /** A group that failed as a whole is written job by job: one bad row fails its own caller only. */
  private async oneByOne(group: Waiting[], error: unknown): Promise<void> {
    if (group.length === 1) return group[0].reject(error);
    for (const job of group) await this.insert([job]).catch((own: unknown) => job.reject(own));
  }

  private async insert(group: Waiting[]): Promise<void> {
    // Rows are produced in input order, so the sequence hands out ids in that order too.
    const rows = await this.prisma.$queryRaw<{ id: bigint; dedupeKey: string | null }[]>`
      INSERT INTO "Job" ("kind", "payload", "dedupeKey", "maxAttempts", "runAt", "updatedAt")
      SELECT t.kind, t.payload, t.dedupe_key, t.max_attempts, now() + t.delay_ms * interval '1 millisecond', now()
      FROM unnest(${group.map((j) => j.kind)}::text[], ${group.map((j) => JSON.stringify(j.payload ?? null))}::jsonb[],
                  ${group.map((j) => j.dedupeKey)}::text[], ${group.map((j) => j.maxAttempts)}::int[], ${group.map((j) => j.delayMs)}::int[])
           WITH ORDINALITY AS t(kind, payload, dedupe_key, max_attempts, delay_ms, ord)
      ORDER BY t.ord
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING "id", "dedupeKey"`;
    const byKey = new Map<string, bigint>();
    const withoutKey: bigint[] = [];
    for (const row of rows) {
      if (row.dedupeKey === null) withoutKey.push(row.id);
      else byKey.set(row.dedupeKey, row.id);
    }
    withoutKey.sort((a, b) => (a < b ? -1 : 1));
    for (const job of group) {
      if (job.dedupeKey === null) {
        job.resolve({ id: String(withoutKey.shift()), created: true });
        continue;
      }
      const id = byKey.get(job.dedupeKey);
      byKey.delete(job.dedupeKey); // a second job with the same key in this group was skipped
      job.resolve(id === undefined ? { id: null, created: false } : { id: String(id), created: true });
    }
  }
}
