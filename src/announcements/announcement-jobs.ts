import { Injectable } from '@nestjs/common';
import { JobQueue } from '../queue/job-queue';

export const DELIVER_JOB = 'announcements.deliver' as const;

export interface DeliverPayload {
  id: string;
}

declare module '../queue/job-map' {
  interface JobMap {
    'announcements.deliver': DeliverPayload;
  }
}

/**
 * Puts "bring Discord in line with this announcement" in the durable queue. The key includes the
 * revision and status, so the same state is one job however often it is asked for (the scheduler's
 * tick, several replicas), while an edit or a deletion is a new job.
 */
@Injectable()
export class AnnouncementJobs {
  constructor(private readonly queue: JobQueue) {}

  async deliver(announcement: { id: string; revision: number; status: string }): Promise<void> {
    const payload: DeliverPayload = { id: announcement.id };
    await this.queue.enqueue(DELIVER_JOB, payload, { dedupeKey: `announcement:${announcement.id}:${announcement.status}:r${announcement.revision}` });
  }
}
