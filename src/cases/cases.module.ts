import { Module } from '@nestjs/common';
import { CaseAttachmentsController } from './case-attachments.controller';
import { CaseAttachmentsService } from './case-attachments.service';
import { CaseEventsBus } from './case-events.bus';
import { CaseResponseStats } from './case-response-stats';
import { CaseTimeline } from './case-timeline';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { HelpCases } from './help-cases';

@Module({
  controllers: [CasesController, CaseAttachmentsController],
  providers: [CasesService, CaseEventsBus, CaseAttachmentsService, HelpCases, CaseTimeline, CaseResponseStats],
  exports: [CasesService, CaseEventsBus, CaseAttachmentsService, HelpCases, CaseTimeline],
})
export class CasesModule {}
