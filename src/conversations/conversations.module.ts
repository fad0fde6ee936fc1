import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ChatbotModule } from '../chatbot/chatbot.module';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { LeadsQueuePlatform } from './leads-queue.platform';
import { QueueModule } from '../queue/queue.module';
import { RelayWorker } from './relay.worker';
import { AgentPlatform, AgentPlatformEvents } from './ports';

/**
 * The routing core. `agentPlatform` is Flex when Twilio is configured, else the leads' queue;
 * `adapters` are the modules that provide PlayerChannel (Discord) and the platform.
 */
@Module({})
export class ConversationsModule {
  static forRoot(options: { agentPlatform?: Provider; adapters: (DynamicModule | Type)[] }): DynamicModule {
    const platform: Provider = options.agentPlatform ?? { provide: AgentPlatform, useClass: LeadsQueuePlatform };
    return {
      module: ConversationsModule,
      global: true,
      imports: [CasesModule, ChatbotModule, QueueModule, ...options.adapters],
      controllers: [ConversationsController],
      providers: [ConversationsService, RelayWorker, platform, { provide: AgentPlatformEvents, useExisting: ConversationsService }],
      exports: [ConversationsService, AgentPlatformEvents, AgentPlatform],
    };
  }
}
