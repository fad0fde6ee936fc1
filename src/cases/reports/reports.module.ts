import { DynamicModule, Module, Type } from '@nestjs/common';
import { QueueModule } from '../../queue/queue.module';
import { CasesModule } from '../cases.module';
import { BoardSync } from './board-sync';
import { DuplicateFinder } from './duplicate-finder';
import { MergeService } from './merge.service';
import { ReportDrafts } from './report-drafts';
import { ReportJobs } from './report-jobs';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { VotesService } from './votes.service';

/**
 * Community reports (/bug, /new_feature): forms, votes, duplicates, merges and their posts.
 * `adapters` provide the ReportBoard port (Discord) and may use the exported services.
 */
@Module({})
export class ReportsModule {
  static forRoot(options: { adapters: (DynamicModule | Type)[] }): DynamicModule {
    return {
      module: ReportsModule,
      global: true,
      imports: [QueueModule, CasesModule, ...options.adapters],
      controllers: [ReportsController],
      providers: [ReportJobs, VotesService, MergeService, DuplicateFinder, ReportDrafts, ReportsService, BoardSync],
      exports: [VotesService, ReportDrafts, ReportsService, DuplicateFinder],
    };
  }
}
