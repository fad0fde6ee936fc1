import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { PrismaService } from '../../database/prisma.service';
import type { CasePriority } from '../../generated/prisma/enums';
import type { ReportType } from './report-form';

export interface ScreenshotRef {
  url: string;
  filename: string;
  size: number;
  contentType: string | null;
}

export interface NewDraft {
  type: ReportType;
  userId: string;
  userName: string;
  guildId: string;
  channelId: string;
  locale: string;
  priority: CasePriority;
  screenshot: ScreenshotRef | null;
}

export interface Draft extends NewDraft {
  id: string;
  form: Record<string, string> | null;
}

/** A form older than this is gone (Discord's interaction tokens last 15 minutes anyway). */
const DRAFT_TTL_MS = 60 * 60_000;

/** Reports between the slash command and the filed case; only their author may use them. */
@Injectable()
export class ReportDrafts {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
  ) {}

  async create(input: NewDraft): Promise<string> {
    // Forgotten forms are cleaned up as new ones come in.
    await this.prisma.reportDraft.deleteMany({ where: { createdAt: { lt: new Date(this.clock.now().getTime() - DRAFT_TTL_MS) } } });
    const row = await this.prisma.reportDraft.create({ data: { ...input, screenshot: input.screenshot ? { ...input.screenshot } : undefined }, select: { id: true } });
    return row.id;
  }

  async get(id: string, userId: string): Promise<Draft> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.reportDraft.findUnique({ where: { id } }) : null;
    if (!row || row.userId !== userId) throw new DomainError('draft_gone', 410, 'This report form has expired or was already sent');
    return { ...row, type: row.type as ReportType, screenshot: row.screenshot as ScreenshotRef | null, form: row.form as Record<string, string> | null };
  }

  async saveForm(id: string, form: Record<string, string>): Promise<void> {
    await this.prisma.reportDraft.update({ where: { id }, data: { form } });
  }

  /** True for the one caller that removed it: a double click files once. */
  async take(id: string): Promise<boolean> {
    const deleted = await this.prisma.reportDraft.deleteMany({ where: { id } });
    return deleted.count > 0;
  }
}
