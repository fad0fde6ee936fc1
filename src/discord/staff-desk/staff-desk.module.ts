import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SnippetsModule } from '../../snippets/snippets.module';
import { AttachmentDownloader } from '../attachment-downloader';
import { CloseCommand } from './close.command';
import { DiscordStaffAlerts } from './discord-staff-alerts';
import { SnippetCommand } from './snippet.command';
import { StaffActions } from './staff-actions';
import { StaffButtonsHandler } from './staff-buttons.handler';
import { StaffDeskCheck } from './staff-desk-check';
import { StaffDeskPlatform } from './staff-desk.platform';
import { StaffDeskStatus } from './staff-desk-status';
import { StaffThreadListener } from './staff-thread.listener';
import { StaffThreads } from './staff-threads';

/**
 * The Discord staff desk (needs the bot on, DISCORD_STAFF_CHANNEL_ID and DISCORD_STAFF_ROLE_ID):
 * the agent platform the core is given, or with Flex on the fallback for chats nobody accepts
 * there (and the staff alerts), checked at start-up.
 */
@Module({})
export class StaffDeskModule {
  static forRoot(_config: AppConfig): DynamicModule {
    return {
      module: StaffDeskModule,
      // DiscordStaffAlerts: the "still waiting past the target" re-alerts go to the staff channel too.
      providers: [StaffThreads, StaffDeskStatus, StaffDeskCheck, StaffDeskPlatform, DiscordStaffAlerts],
      exports: [StaffDeskPlatform, DiscordStaffAlerts],
    };
  }
}

/** The staff desk's inbound side: thread messages, Claim / Close, /close and /snippet, into the core (`core`). */
@Module({})
export class StaffDeskInboundModule {
  static forRoot(_config: AppConfig, core: DynamicModule): DynamicModule {
    return {
      module: StaffDeskInboundModule,
      imports: [core, SnippetsModule],
      providers: [StaffThreads, StaffActions, StaffThreadListener, AttachmentDownloader, StaffButtonsHandler, CloseCommand, SnippetCommand],
    };
  }
}
