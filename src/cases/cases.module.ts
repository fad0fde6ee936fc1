import { Module } from '@nestjs/common';
import { CaseEventsBus } from './case-events.bus';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';

@Module({
  controllers: [CasesController],
  providers: [CasesService, CaseEventsBus],
  exports: [CasesService, CaseEventsBus],
})
export class CasesModule {}
