import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JobQueue } from '../../queue/job-queue';
import type { BoardLine } from './report-board';

declare module '../../queue/job-map' {
  interface JobMap {
    /** Make the report's post match the case (create it first when there is none). */
    'reports.sync': { number: number };
    'reports.say': { number: number; line: BoardLine; key: string };
    'reports.resolved': { number: number; userId: string; locale: string; key: string };
  }
}

/**
 * Post edits are coalesced: at most one `reports.sync` per case per window, run at the window's end,
 * so a storm of votes is one edit every COALESCE_MS instead of one per vote (Discord's per-route
 * limits are a few edits per few seconds per channel).
 */
export const COALESCE_MS = 2_000;

/** Discord's nonce is at most 25 characters: a stable digest of the job's key. */
export const nonceOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 25);

@Injectable()
export class ReportJobs {
  constructor(private readonly queue: JobQueue) {}

  async publish(number: number): Promise<void> {
    await this.queue.enqueue('reports.sync', { number }, { dedupeKey: `report:${number}:publish` });
  }

  async sync(number: number, now = Date.now()): Promise<void> {
    const window = Math.floor(now / COALESCE_MS);
    await this.queue.enqueue('reports.sync', { number }, { dedupeKey: `report:${number}:sync:${window}`, delayMs: COALESCE_MS });
  }

  async say(number: number, line: BoardLine, key: string): Promise<void> {
    await this.queue.enqueue('reports.say', { number, line, key }, { dedupeKey: `report:${number}:say:${key}` });
  }

  async resolved(number: number, userId: string, locale: string, key: string): Promise<void> {
    await this.queue.enqueue('reports.resolved', { number, userId, locale, key }, { dedupeKey: `report:${number}:resolved:${userId}:${key}` });
  }
}
