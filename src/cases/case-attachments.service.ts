import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { PrismaService } from '../database/prisma.service';
import { CaseAttachmentView } from './case.view';
import { safeFilename } from './case-files';
import { CasesService } from './cases.service';

export interface NewAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { safeFilename };

/** Files attached to a case (a /bug screenshot): the bytes live in Postgres because Discord's URLs expire. */
@Injectable()
export class CaseAttachmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cases: CasesService,
  ) {}

  async add(caseNumber: number, file: NewAttachment): Promise<CaseAttachmentView> {
    const row = await this.cases.refOf(caseNumber);
    return this.prisma.caseAttachment.create({
      data: { caseId: row.id, filename: safeFilename(file.filename), contentType: file.contentType, size: file.data.length, data: new Uint8Array(file.data) },
      select: { id: true, filename: true, contentType: true, size: true, createdAt: true },
    });
  }

  async get(caseNumber: number, id: string): Promise<CaseAttachmentView & { data: Buffer }> {
    const row = await this.cases.refOf(caseNumber);
    const attachment = UUID.test(id) ? await this.prisma.caseAttachment.findFirst({ where: { id, caseId: row.id } }) : null;
    if (!attachment) throw DomainError.notFound(`Attachment ${id} of case #${caseNumber}`);
    const { caseId: _caseId, data, ...view } = attachment;
    return { ...view, data: Buffer.from(data) };
  }
}
