import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CaseAttachmentsService } from './case-attachments.service';
import { UuidPipe } from '../common/uuid';
import { CaseNumberPipe } from './case-number.pipe';

const IMAGES = Object.fromEntries(['image/png', 'image/jpeg', 'image/gif', 'image/webp'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases/:number/attachments')
export class CaseAttachmentsController {
  constructor(private readonly attachments: CaseAttachmentsService) {}

  @Get(':id')
  @ApiOperation({ summary: "Download a case's attachment (e.g. the /bug screenshot); the case detail lists them" })
  @ApiOkResponse({ description: 'The image, inline, with its file name in Content-Disposition', content: IMAGES })
  // Only raster images are stored; these keep a browser from running or sniffing them as anything else.
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  async download(@Param('number', CaseNumberPipe) number: number, @Param('id', UuidPipe) id: string): Promise<StreamableFile> {
    const file = await this.attachments.get(number, id);
    return new StreamableFile(file.data, { type: file.contentType, length: file.size, disposition: contentDisposition(file.filename) });
  }
}
