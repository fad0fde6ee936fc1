import { Module } from '@nestjs/common';
import { CaseAttachmentsController } from './case-attachments.controller';
import { CaseAttachmentsService } from './case-attachments.service';
import { CaseEventsBus } from './case-events.bus';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { HelpCases } from './help-cases';

@Module({
  controllers: [CasesController, CaseAttachmentsController],
  providers: [CasesService, CaseEventsBus, CaseAttachmentsService, HelpCases],
  exports: [CasesService, CaseEventsBus, CaseAttachmentsService, HelpCases],
})
export class CasesModule {}
