import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { PrismaService } from '../database/prisma.service';
import type { Announcement } from '../generated/prisma/client';
import { AnnouncementStatus } from '../generated/prisma/enums';
import { AnnouncementInput, validateAnnouncement } from './announcement-input';
import { AnnouncementJobs } from './announcement-jobs';
import { announcementView, AnnouncementView } from './announcement.view';

export type AnnouncementChanges = Partial<Pick<AnnouncementInput, 'title' | 'body' | 'imageUrl' | 'mentionRoleId' | 'postAt'>>;

/** Manual announcements: create (now, later or as a draft), list, edit, withdraw or delete. */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jobs: AnnouncementJobs,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A draft waits for its author's confirmation (/announce preview); otherwise it is scheduled. */
  async create(input: AnnouncementInput, actor: string, options: { draft?: boolean } = {}): Promise<AnnouncementView> {
    const now = this.clock.now();
    validateAnnouncement(input, now);
    const channelId = input.channelId ?? this.config.DISCORD_ANNOUNCEMENT_CHANNEL_ID;
    if (!channelId) {
      throw DomainError.validation([{ field: 'channelId', messages: ['give channelId, or set DISCORD_ANNOUNCEMENT_CHANNEL_ID'] }]);
    }
    const created = await this.prisma.announcement.create({
      data: {
        source: 'MANUAL',
        status: options.draft ? 'DRAFT' : 'SCHEDULED',
        title: input.title.trim(),
        body: input.body.trim(),
        imageUrl: input.imageUrl || null,
        mentionRoleId: input.mentionRoleId || null,
        channelId,
        postAt: input.postAt && input.postAt > now ? input.postAt : now,
        createdBy: actor,
      },
    });
    await this.kick(created);
    return announcementView(created);
  }

  /** The author's "Post" on a draft. */
  async confirm(id: string, actor: string): Promise<AnnouncementView> {
    const draft = await this.find(id);
    if (draft.createdBy !== actor) throw DomainError.forbidden('Only the author of this announcement can post it');
    if (draft.status !== 'DRAFT') throw DomainError.conflict('announcement_not_draft', `This announcement is already ${draft.status.toLowerCase()}`);
    const now = this.clock.now();
    const confirmed = await this.prisma.announcement.update({ where: { id }, data: { status: 'SCHEDULED', postAt: draft.postAt > now ? draft.postAt : now } });
    await this.kick(confirmed);
    return announcementView(confirmed);
  }

  /** The author's "Cancel" on a draft. */
  async discard(id: string, actor: string): Promise<void> {
    const draft = await this.find(id);
    if (draft.createdBy !== actor) throw DomainError.forbidden('Only the author of this announcement can cancel it');
    if (draft.status !== 'DRAFT') throw DomainError.conflict('announcement_not_draft', `This announcement is already ${draft.status.toLowerCase()}`);
    await this.prisma.announcement.update({ where: { id }, data: { status: 'CANCELLED' } });
  }

  async list(filter: { status?: AnnouncementStatus; limit?: number }): Promise<AnnouncementView[]> {
    const rows = await this.prisma.announcement.findMany({
      where: filter.status ? { status: filter.status } : {},
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit ?? 50,
    });
    return rows.map(announcementView);
  }

  async get(id: string): Promise<AnnouncementView> {
    return announcementView(await this.find(id));
  }

  /** A scheduled one changes before it goes out; a posted one has its Discord message edited. */
  async update(id: string, changes: AnnouncementChanges): Promise<AnnouncementView> {
    const current = await this.find(id);
    if (!['DRAFT', 'SCHEDULED', 'POSTED'].includes(current.status)) {
      throw DomainError.conflict('announcement_closed', `A ${current.status.toLowerCase()} announcement cannot be edited`);
    }
    if (changes.postAt !== undefined && current.status === 'POSTED') {
      throw DomainError.validation([{ field: 'postAt', messages: ['postAt cannot change once the announcement is posted'] }]);
    }
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as AnnouncementChanges;
    const merged = { ...current, ...given };
    validateAnnouncement({ ...merged, postAt: changes.postAt }, this.clock.now());
    const updated = await this.prisma.announcement.update({
      where: { id },
      data: {
        title: merged.title.trim(),
        body: merged.body.trim(),
        imageUrl: merged.imageUrl || null,
        mentionRoleId: merged.mentionRoleId || null,
        ...(changes.postAt ? { postAt: changes.postAt } : {}),
        revision: { increment: 1 },
      },
    });
    await this.kick(updated);
    return announcementView(updated);
  }

  /** Withdraws one not yet posted; deletes a posted one (and its Discord message). */
  async remove(id: string): Promise<AnnouncementView> {
    const current = await this.find(id);
    if (current.status === 'CANCELLED' || current.status === 'DELETED') return announcementView(current);
    const status = current.status === 'POSTED' ? 'DELETED' : 'CANCELLED';
    const updated = await this.prisma.announcement.update({ where: { id }, data: { status, revision: { increment: 1 } } });
    await this.kick(updated);
    return announcementView(updated);
  }

  /** Delivers what is due now; later ones are picked up by the scheduler's tick. */
  private async kick(a: Announcement): Promise<void> {
    const due = a.status === 'SCHEDULED' && a.postAt <= this.clock.now();
    if (due || a.status === 'POSTED' || (a.status === 'DELETED' && a.messageId)) await this.jobs.deliver(a);
  }

  private async find(id: string): Promise<Announcement> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.announcement.findUnique({ where: { id } }) : null;
    if (!found) throw DomainError.notFound(`Announcement ${id}`);
    return found;
  }
}
