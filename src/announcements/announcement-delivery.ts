import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { PrismaService } from '../database/prisma.service';
import type { Announcement } from '../generated/prisma/client';
import { JobQueue } from '../queue/job-queue';
import { DELIVER_JOB } from './announcement-jobs';
import { AnnouncementPost, AnnouncementPublisher } from './announcement-publisher';

export const postOf = (a: Announcement): AnnouncementPost => ({
  title: a.title,
  body: a.body,
  url: a.url,
  imageUrl: a.imageUrl,
  sourceName: a.sourceName,
  mentionRoleId: a.mentionRoleId,
  timestamp: a.itemPublishedAt,
});

/** Discord allows nonces of up to 25 characters; a uuid's first 25 hex digits are unique enough. */
const nonceOf = (id: string) => id.replace(/-/g, '').slice(0, 25);

/**
 * The `announcements.deliver` job: makes Discord match the stored announcement — post a due one
 * (then crosspost), edit a posted one that changed, delete a deleted one. Each step is recorded
 * right after it succeeds and no transaction spans a call, so a retry resumes where it stopped.
 */
@Injectable()
export class AnnouncementDelivery implements OnModuleInit {
  private readonly logger = new Logger('Announcements');

  constructor(
    private readonly prisma: PrismaService,
    private readonly publisher: AnnouncementPublisher,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.queue.register(DELIVER_JOB, {
      run: (payload) => this.deliver(payload.id),
      onDead: async (job) => {
        const { id } = job.payload;
        await this.prisma.announcement.updateMany({ where: { id, status: 'SCHEDULED' }, data: { status: 'FAILED', lastError: job.lastError } });
        await this.prisma.announcement.updateMany({ where: { id, status: { not: 'SCHEDULED' } }, data: { lastError: job.lastError } });
      },
    });
  }

  async deliver(id: string): Promise<void> {
    let a = await this.prisma.announcement.findUnique({ where: { id } });
    if (!a) return;
    if (a.status === 'SCHEDULED') {
      if (a.postAt > this.clock.now()) return; // rescheduled after this job was queued
      a = await this.post(a);
    }
    if (a.status === 'POSTED' && a.messageId) {
      if (!a.crosspostDone) {
        const outcome = await this.publisher.crosspost(a.channelId, a.messageId);
        await this.prisma.announcement.update({ where: { id }, data: { crosspostDone: true } });
        if (outcome === 'published') this.logger.log(`Announcement ${id} published to following servers`);
      }
      if (a.syncedRevision < a.revision) {
        await this.publisher.edit(a.channelId, a.messageId, postOf(a));
        await this.prisma.announcement.updateMany({ where: { id, syncedRevision: { lt: a.revision } }, data: { syncedRevision: a.revision } });
      }
    }
    if (a.status === 'DELETED' && a.messageId && !a.messageRemoved) {
      await this.publisher.remove(a.channelId, a.messageId);
      await this.prisma.announcement.update({ where: { id }, data: { messageRemoved: true } });
    }
  }

  private async post(a: Announcement): Promise<Announcement> {
    const { messageId } = await this.publisher.post(a.channelId, postOf(a), nonceOf(a.id));
    const posted = await this.prisma.announcement.updateMany({
      where: { id: a.id, status: 'SCHEDULED' },
      data: { status: 'POSTED', messageId, postedAt: this.clock.now(), syncedRevision: a.revision, lastError: null },
    });
    if (posted.count === 0) {
      // Withdrawn while the message was being sent: it is deleted again by the caller. (Another job
      // that posted it first got the same message back through the nonce: nothing to do.)
      await this.prisma.announcement.updateMany({ where: { id: a.id, status: 'CANCELLED' }, data: { status: 'DELETED', messageId } });
    } else {
      this.logger.log(`Announcement ${a.id} posted in channel ${a.channelId} (message ${messageId})`);
    }
    return (await this.prisma.announcement.findUnique({ where: { id: a.id } }))!;
  }
}
