import { DynamicModule, Injectable, Module } from '@nestjs/common';
import type { CaseView } from '../../cases/case.view';
import { BoardRef, ReportBoard } from '../../cases/reports/report-board';
import { AppConfig } from '../../config/app-config';
import { AttachmentDownloader } from '../attachment-downloader';
import { BugCommand } from '../commands/bug.command';
import { NewFeatureCommand } from '../commands/new-feature.command';
import { DiscordDeliveryError } from '../discord-errors';
import { ReportFilingService } from '../report-filing.service';
import { DiscordReportBoard } from './discord-report-board';
import { ForumTags } from './forum-tags';
import { ReportInteractions } from './report-interactions';

/** Without DISCORD_TOKEN posts cannot be made: the jobs fail as "unavailable" and are retried. */
@Injectable()
class DisabledReportBoard extends ReportBoard {
  private off(): Promise<never> {
    return Promise.reject(new DiscordDeliveryError('discord_unavailable', 503, 'The Discord bot is off: DISCORD_TOKEN is not set'));
  }
  publish(_view: CaseView): Promise<BoardRef> {
    return this.off();
  }
  find(): Promise<BoardRef | null> {
    return this.off();
  }
  refresh(): Promise<void> {
    return this.off();
  }
  say(): Promise<void> {
    return this.off();
  }
  tellResolved(): Promise<void> {
    return this.off();
  }
}

/** Discord for community reports: the ReportBoard port (forum posts) and, when the bot is on, /bug, /new_feature, the form and buttons. */
@Module({})
export class DiscordReportsModule {
  static forRoot(config: AppConfig): DynamicModule {
    const on = Boolean(config.DISCORD_TOKEN);
    return {
      module: DiscordReportsModule,
      providers: [{ provide: ReportBoard, useClass: on ? DiscordReportBoard : DisabledReportBoard }, ...(on ? [ForumTags, ReportInteractions, ReportFilingService, AttachmentDownloader, BugCommand, NewFeatureCommand] : [])],
      exports: [ReportBoard],
    };
  }
}
