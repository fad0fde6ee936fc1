import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AnnouncementsModule } from './announcements/announcements.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ChatbotModule } from './chatbot/chatbot.module';
import { Clock } from './common/clock';
import { ProblemFilter } from './common/problem.filter';
import { appValidationPipe } from './common/validation.pipe';
import { AppConfig, isStaffDeskEnabled, isTwilioEnabled } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConversationsModule, PortBinding } from './conversations/conversations.module';
import { LeadsQueuePlatform } from './conversations/leads-queue.platform';
import { AgentPlatform, StaffAlerts, SupportBot } from './conversations/ports';
import { DatabaseModule } from './database/database.module';
import { DeskModule } from './desk/desk.module';
import { DiscordModule } from './discord/discord.module';
import { DiscordAnnouncementsModule } from './discord/announcements/discord-announcements.module';
import { DiscordHelpModule } from './discord/help/discord-help.module';
import { DiscordReportsModule } from './discord/reports/discord-reports.module';
import { ReportsModule } from './cases/reports/reports.module';
import { DiscordPlayerChannel } from './discord/help/discord-player-channel';
import { DiscordStaffAlerts } from './discord/staff-desk/discord-staff-alerts';
import { StaffDeskPlatform } from './discord/staff-desk/staff-desk.platform';
import { StaffDeskInboundModule, StaffDeskModule } from './discord/staff-desk/staff-desk.module';
import { FlexAgentPlatform } from './flex/flex-agent.platform';
import { FlexModule, FlexWebhooksModule } from './flex/flex.module';
import { HealthModule } from './health/health.module';
import { OperationsModule } from './operations/operations.module';
import { SnippetsModule } from './snippets/snippets.module';
import { loggerParams } from './logging/logger-options';

/**
 * An agent platform for the routing core: the class (and module) implementing AgentPlatform,
 * and the modules carrying its events into the core. Its capabilities are declared by the class.
 * Adding a platform (a Discord staff desk, the web desk) is one entry here.
 */
interface AgentPlatformAdapter {
  platform: PortBinding<AgentPlatform>;
  inbound: (core: DynamicModule) => (DynamicModule | Type)[];
  /** Where staff are alerted while this platform carries the chats (default: nowhere). */
  alerts?: PortBinding<StaffAlerts>;
  /** Where its chats go when nobody there takes them (the leads' REST queue when that one cannot either). */
  fallback?: PortBinding<AgentPlatform>;
}

function agentPlatformFor(config: AppConfig): AgentPlatformAdapter {
  if (isTwilioEnabled(config)) {
    if (isStaffDeskEnabled(config)) {
      // Flex carries the chats; the staff channel gets the alerts, and the chats nobody accepts in
      // Flex open a staff thread (one desk module: one start-up check, one status for both).
      const desk = StaffDeskModule.forRoot(config);
      return {
        platform: { module: FlexModule.forRoot(config), provide: FlexAgentPlatform },
        inbound: (core) => [FlexWebhooksModule.forRoot(config, core), StaffDeskInboundModule.forRoot(config, core)],
        fallback: { module: desk, provide: StaffDeskPlatform },
        alerts: { module: desk, provide: DiscordStaffAlerts },
      };
    }
    return {
      platform: { module: FlexModule.forRoot(config), provide: FlexAgentPlatform },
      inbound: (core) => [FlexWebhooksModule.forRoot(config, core)],
      fallback: { provide: LeadsQueuePlatform },
    };
  }
  if (isStaffDeskEnabled(config)) {
    // The staff desk carries the chats; its channel also gets the "still waiting" re-alerts.
    const desk = StaffDeskModule.forRoot(config);
    return { platform: { module: desk, provide: StaffDeskPlatform }, inbound: (core) => [StaffDeskInboundModule.forRoot(config, core)], alerts: { module: desk, provide: DiscordStaffAlerts } };
  }
  // Without Flex, chats wait for leads in the REST API (and its desk).
  return { platform: { provide: LeadsQueuePlatform }, inbound: () => [] };
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const agents = agentPlatformFor(config);
    // The routing core between its adapters: Discord for players, one agent platform, the FAQ bot.
    const core = ConversationsModule.forRoot({
      player: { provide: DiscordPlayerChannel },
      agentPlatform: agents.platform,
      bot: { module: ChatbotModule, provide: SupportBot },
      staffAlerts: agents.alerts,
      fallbackPlatform: agents.fallback,
    });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config)),
        { module: ClockModule, global: true, providers: [Clock], exports: [Clock] },
        DatabaseModule,
        AuthModule,
        OperationsModule,
        HealthModule,
        CasesModule,
        DiscordModule.forRoot(config),
        ChatbotModule,
        SnippetsModule,
        core,
        DiscordHelpModule.forRoot(config, core),
        ...agents.inbound(core),
        // #announcements: feeds and manual posts, published through Discord.
        AnnouncementsModule.forRoot({ adapters: [DiscordAnnouncementsModule.forRoot(config)] }),
        DeskModule,
        // /bug and /new_feature: forms, votes, duplicates, merges; posts through Discord.
        ReportsModule.forRoot({ adapters: [DiscordReportsModule.forRoot(config)] }),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: appValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
    };
  }
}

@Module({})
class ClockModule {}
