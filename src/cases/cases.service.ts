import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { PrismaService } from '../database/prisma.service';
import { ReadDatabase } from '../database/read-database';
import { Prisma } from '../generated/prisma/client';
import { CaseEventType, CasePriority, CaseStatus, CaseType } from '../generated/prisma/enums';
import { assertTransition, closedAtFor, OPEN_STATUSES } from './case-rules';
import { buildCaseListSql, CASE_COLUMNS, encodeCursor, sortParts } from './case-list.query';
import { CaseEventsBus } from './case-events.bus';
import { safeFilename } from './case-files';
import { CaseFilter, CasePatch } from './case-inputs';
import { CaseAttachmentView, CaseEventView, CaseRow, CaseView, toCaseView } from './case.view';

export interface NewCase {
  type: CaseType;
  title: string;
  description: string;
  priority?: CasePriority;
  reporterId?: string | null;
  reporterName: string;
  /** The reporter's language (en, fr, es, de, pt): their notifications use it. */
  reporterLocale?: string | null;
  guildId?: string | null;
  channelId?: string | null;
  assignee?: string | null;
  /** A community report's form answers and the language it was written in. */
  fields?: Record<string, string> | null;
  language?: string | null;
  /** Files stored with the case in the same transaction (a /bug screenshot). */
  attachments?: { filename: string; contentType: string; data: Buffer }[];
}

export interface CasePage {
  items: CaseView[];
  nextCursor: string | null;
}

const DEFAULT_LIMIT = 20;

@Injectable()
export class CasesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly clock: Clock,
    private readonly bus: CaseEventsBus,
    // The list and counts may lag by replication: they go to the read replica when there is one.
    @Optional() private readonly reads?: ReadDatabase,
  ) {}

  private get reader(): PrismaService {
    return this.reads?.prisma ?? this.prisma;
  }

  async create(input: NewCase, actor: string): Promise<CaseView> {
    const row = await this.prisma.case.create({
      data: {
        type: input.type,
        title: input.title,
        description: input.description,
        priority: input.priority ?? CasePriority.NORMAL,
        reporterId: input.reporterId ?? null,
        reporterName: input.reporterName,
        reporterLocale: input.reporterLocale ?? null,
        guildId: input.guildId ?? null,
        channelId: input.channelId ?? null,
        assignee: input.assignee ?? null,
        fields: input.fields ?? undefined,
        reportLanguage: input.language ?? null,
        events: { create: { type: CaseEventType.CREATED, actor, data: { type: input.type } } },
        // One insert with its attachments: a report is never filed without its screenshot.
        attachments: input.attachments?.length
          ? { create: input.attachments.map((a) => ({ filename: safeFilename(a.filename), contentType: a.contentType, size: a.data.length, data: new Uint8Array(a.data) })) }
          : undefined,
      },
    });
    return toCaseView(row as CaseRow);
  }

  async list(query: CaseFilter): Promise<CasePage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const rows = await this.reader.$queryRaw<CaseRow[]>(buildCaseListSql(query, limit + 1));
    const page = rows.slice(0, limit);
    let nextCursor: string | null = null;
    if (rows.length > limit) {
      const last = page[page.length - 1];
      const { key } = sortParts(query.sort);
      const value = key === 'updatedAt' ? last.updatedAt.toISOString() : key === 'priority' ? last.priority : key === 'votes' ? last.votes : last.number;
      nextCursor = encodeCursor(value, last.number);
    }
    return { items: page.map(toCaseView), nextCursor };
  }

  /** The case's internal id and number; not_found when there is none. */
  async refOf(number: number): Promise<{ id: string; number: number }> {
    const row = await this.findRow(number);
    return { id: row.id, number: row.number };
  }

  /** Rows stay inside: callers get views (or refOf's id and number). */
  private async findRow(number: number, client: Prisma.TransactionClient = this.prisma): Promise<CaseRow> {
    const rows = await client.$queryRaw<CaseRow[]>`SELECT ${CASE_COLUMNS} FROM "Case" WHERE "number" = ${number}`;
    if (rows.length === 0) throw DomainError.notFound(`Case #${number}`);
    return rows[0];
  }

  async get(number: number): Promise<CaseView> {
    return toCaseView(await this.findRow(number));
  }

  async getWithEvents(number: number): Promise<CaseView & { events: CaseEventView[]; attachments: CaseAttachmentView[] }> {
    const row = await this.findRow(number);
    const [events, attachments] = await Promise.all([
      this.prisma.caseEvent.findMany({ where: { caseId: row.id }, orderBy: { id: 'asc' } }),
      // metadata only: the bytes are served by GET /api/cases/:number/attachments/:id
      this.prisma.caseAttachment.findMany({ where: { caseId: row.id }, orderBy: { createdAt: 'asc' }, select: { id: true, filename: true, contentType: true, size: true, createdAt: true } }),
    ]);
    return {
      ...toCaseView(row),
      events: events.map((e) => ({ id: e.id.toString(), type: e.type, actor: e.actor, data: e.data, createdAt: e.createdAt })),
      attachments,
    };
  }

  /** Applies a change under a row lock, appending one event per changed field. */
  async update(number: number, patch: CasePatch, actor: string): Promise<CaseView> {
    const { view, statusChange } = await this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<CaseRow[]>`SELECT ${CASE_COLUMNS} FROM "Case" WHERE "number" = ${number} FOR UPDATE`;
      if (locked.length === 0) throw DomainError.notFound(`Case #${number}`);
      const current = locked[0];
      const now = this.clock.now();
      const data: Prisma.CaseUpdateInput = {};
      const events: { type: CaseEventType; data: Prisma.InputJsonObject }[] = [];

      if (patch.status !== undefined && patch.status !== current.status) {
        assertTransition(number, current.status, patch.status);
        data.status = patch.status;
        data.closedAt = closedAtFor(patch.status, current.closedAt, now);
        events.push({ type: CaseEventType.STATUS_CHANGED, data: { from: current.status, to: patch.status } });
      }
      if (patch.priority !== undefined && patch.priority !== current.priority) {
        data.priority = patch.priority;
        events.push({ type: CaseEventType.PRIORITY_CHANGED, data: { from: current.priority, to: patch.priority } });
      }
      if (patch.assignee !== undefined && patch.assignee !== current.assignee) {
        data.assignee = patch.assignee;
        events.push({ type: CaseEventType.ASSIGNEE_CHANGED, data: { from: current.assignee, to: patch.assignee } });
      }
      if (patch.title !== undefined && patch.title !== current.title) {
        data.title = patch.title;
        events.push({ type: CaseEventType.TITLE_CHANGED, data: { from: current.title, to: patch.title } });
      }
      if (events.length === 0) return { view: toCaseView(current), statusChange: undefined };

      await tx.case.update({ where: { id: current.id }, data, select: { id: true } });
      await tx.caseEvent.createMany({ data: events.map((e) => ({ caseId: current.id, actor, type: e.type, data: e.data })) });
      const updated = toCaseView(await this.findRow(number, tx));
      return { view: updated, statusChange: data.status ? { from: current.status, to: data.status as CaseStatus } : undefined };
    });
    if (statusChange) this.bus.publish({ kind: 'status_changed', case: view, ...statusChange, actor });
    return view;
  }

  async addNote(number: number, body: string, isPublic: boolean, actor: string): Promise<CaseEventView> {
    const row = await this.findRow(number);
    const event = await this.prisma.caseEvent.create({
      data: { caseId: row.id, type: CaseEventType.NOTE, actor, data: { body, public: isPublic } },
    });
    await this.prisma.case.update({ where: { id: row.id }, data: { updatedAt: this.clock.now() }, select: { id: true } });
    this.bus.publish({ kind: 'note_added', case: toCaseView(row), body, public: isPublic, actor });
    return { id: event.id.toString(), type: event.type, actor: event.actor, data: event.data, createdAt: event.createdAt };
  }

  /** Appends an event that is not a change of the case itself (notifications and their failures). */
  async recordEvent(number: number, type: CaseEventType, actor: string, data: Prisma.InputJsonObject): Promise<void> {
    const row = await this.findRow(number);
    await this.prisma.caseEvent.create({ data: { caseId: row.id, type, actor, data } });
  }

  async stats(): Promise<{ counts: Record<string, Record<string, number>>; total: number; open: number; oldestOpenAgeSeconds: number | null }> {
    const groups = await this.reader.$queryRaw<{ type: CaseType; status: CaseStatus; count: bigint }[]>`
      SELECT "type", "status", count(*) AS count FROM "Case" GROUP BY "type", "status"`;
    const counts: Record<string, Record<string, number>> = {};
    for (const type of Object.values(CaseType)) {
      counts[type] = Object.fromEntries(Object.values(CaseStatus).map((s) => [s, 0]));
    }
    let total = 0;
    let open = 0;
    for (const g of groups) {
      const n = Number(g.count);
      counts[g.type][g.status] = n;
      total += n;
      if (OPEN_STATUSES.includes(g.status)) open += n;
    }
    const oldest = await this.reader.case.findFirst({
      where: { status: { in: [...OPEN_STATUSES] } },
      orderBy: { number: 'asc' },
      select: { createdAt: true },
    });
    const oldestOpenAgeSeconds = oldest ? Math.max(0, Math.floor((this.clock.now().getTime() - oldest.createdAt.getTime()) / 1000)) : null;
    return { counts, total, open, oldestOpenAgeSeconds };
  }
}
