import { Module } from '@nestjs/common';
import { CaseAttachmentsController } from './case-attachments.controller';
import { CaseAttachmentsService } from './case-attachments.service';
import { CaseEventsBus } from './case-events.bus';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  controllers: [CasesController, CaseAttachmentsController],
  providers: [CasesService, CaseEventsBus, CaseAttachmentsService],
  exports: [CasesService, CaseEventsBus, CaseAttachmentsService],
})
export class CasesModule {}
