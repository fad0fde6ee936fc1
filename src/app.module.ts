import { DynamicModule, Module } from '@nestjs/common';
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
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DiscordModule } from './discord/discord.module';
import { DiscordAnnouncementsModule } from './discord/announcements/discord-announcements.module';
import { DiscordHelpModule } from './discord/help/discord-help.module';
import { ConversationsModule } from './conversations/conversations.module';
import { AgentPlatform } from './conversations/ports';
import { FlexAgentPlatform } from './flex/flex-agent.platform';
import { FlexModule } from './flex/flex.module';
import { AppConfig, isTwilioEnabled } from './config/app-config';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers["x-twilio-signature"]'],
            autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
          },
        }),
        { module: ClockModule, global: true, providers: [Clock], exports: [Clock] },
        DatabaseModule,
        AuthModule,
        HealthModule,
        CasesModule,
        DiscordModule.forRoot(config),
        ChatbotModule,
        // The routing core between its adapters: Discord for players, Flex (or the leads' queue) for agents.
        ConversationsModule.forRoot({
          adapters: [DiscordHelpModule.forRoot(config), FlexModule.forRoot(config)],
          agentPlatform: isTwilioEnabled(config) ? { provide: AgentPlatform, useExisting: FlexAgentPlatform } : undefined,
        }),
        // #announcements: feeds and manual posts, published through Discord.
        AnnouncementsModule.forRoot({ adapters: [DiscordAnnouncementsModule.forRoot(config)] }),
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
