import { UuidPipe } from '../common/uuid';
import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChatMediaResponse } from './desk.response';
import { CaseNumberPipe } from '../cases/case-number.pipe';
import { DomainError } from '../common/domain-error';
import { PrismaService } from '../database/prisma.service';

/** Raster images are shown inline; anything else is a download, so no stored file runs on this origin. */
const INLINE = /^image\/(png|jpeg|gif|webp)$/;

function disposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Files players and agents sent in a case's help chat (kept in Postgres), for the desk's inline images. */
@ApiTags('help chats')
@ApiBearerAuth()
@Controller('api/cases/:number/transcript/media')
export class ChatMediaController {
  constructor(private readonly prisma: PrismaService) {}

  @Get()
  @ApiOperation({ summary: "The files in a case's help chat, each with the time and conversation of its message" })
  @ApiOkResponse({ type: [ChatMediaResponse], description: 'Oldest first' })
  async list(@Param('number', CaseNumberPipe) number: number) {
    const media = await this.prisma.messageMedia.findMany({
      where: { message: { conversation: { case: { number } } } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, filename: true, contentType: true, size: true, message: { select: { conversationId: true, createdAt: true } } },
    });
    return media.map((m) => ({ id: m.id, filename: m.filename, contentType: m.contentType, size: m.size, conversationId: m.message.conversationId, messageCreatedAt: m.message.createdAt }));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One file of the help chat: images inline, anything else as a download' })
  @ApiOkResponse({ description: 'The file as stored, with its name in Content-Disposition', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  async download(@Param('number', CaseNumberPipe) number: number, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const file = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.prisma.messageMedia.findFirst({ where: { id, message: { conversation: { case: { number } } } } })
      : null;
    if (!file) throw DomainError.notFound(`File ${id} of case #${number}'s chat`);
    const kind = INLINE.test(file.contentType) ? 'inline' : 'attachment';
    return new StreamableFile(Buffer.from(file.data), { type: file.contentType, length: file.size, disposition: disposition(kind, file.filename) });
  }
}
