import { Abstract, DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { QueueModule } from '../queue/queue.module';
import { AgentChatActions } from './agent-chat-actions';
import { AgentEventsHandler } from './agent-events.handler';
import { BotReplies } from './bot-replies';
import { Carriers } from './carriers';
import { ConversationReadModels } from './conversation-read-models';
import { ConversationStore } from './conversation-store';
import { ConversationsController } from './conversations.controller';
import { HandOffService } from './hand-off.service';
import { LeadRepliesService } from './lead-replies.service';
import { ChatLifecycle, LIFECYCLE_PROVIDERS, LifecycleController, LoggingStaffAlerts, Satisfaction, StaffAlertStream } from './lifecycle';
import { MessageStore } from './message-store';
import { PlayerDelivery } from './player-delivery';
import { PlayerMessagesHandler } from './player-messages.handler';
import { LeadsQueuePlatform } from './leads-queue.platform';
import { AgentPlatform, AgentPlatformEvents, FALLBACK_AGENT_PLATFORM, PlayerChannel, StaffAlerts, SupportBot } from './ports';
import { RelayWorker } from './relay.worker';

type AdapterModule = DynamicModule | Type;

/** A port and the module that provides its implementation (which must export it). */
export interface PortBinding<T> {
  module?: AdapterModule;
  provide: Type<T> | Abstract<T>;
}

export interface CoreAdapters {
  player: PortBinding<PlayerChannel>;
  agentPlatform: PortBinding<AgentPlatform>;
  bot: PortBinding<SupportBot>;
  /** Where "a chat is still waiting" alerts go; a log line when not given. */
  staffAlerts?: PortBinding<StaffAlerts>;
  /** Where chats go when the agent platform cannot take them; the leads' REST queue when not given. */
  fallbackPlatform?: PortBinding<AgentPlatform>;
}

const CORE_PROVIDERS = [
  Carriers,
  ConversationStore,
  MessageStore,
  PlayerDelivery,
  BotReplies,
  HandOffService,
  PlayerMessagesHandler,
  AgentEventsHandler,
  AgentChatActions,
  LeadRepliesService,
  ConversationReadModels,
  RelayWorker,
  ...LIFECYCLE_PROVIDERS,
];

/**
 * The routing core. It imports no adapter itself: AppModule chooses which class implements each
 * port (and the module providing it). Exports the core's entry points for adapters' controllers
 * and listeners: PlayerMessagesHandler (player side) and AgentPlatformEvents (agent side).
 */
@Module({})
export class ConversationsModule {
  static forRoot(adapters: CoreAdapters): DynamicModule {
    const staffAlerts = adapters.staffAlerts ?? { provide: LoggingStaffAlerts };
    const fallback: PortBinding<AgentPlatform> = adapters.fallbackPlatform ?? { provide: LeadsQueuePlatform };
    const bindings = [adapters.player, adapters.agentPlatform, adapters.bot, staffAlerts, fallback];
    const ports: Provider[] = (
      [
        [PlayerChannel, adapters.player.provide],
        [AgentPlatform, adapters.agentPlatform.provide],
        [SupportBot, adapters.bot.provide],
        [StaffAlerts, staffAlerts.provide],
      ] as [Abstract<unknown>, Type<unknown> | Abstract<unknown>][]
    ).flatMap(([port, implementation]) => (port === implementation ? [] : [{ provide: port, useExisting: implementation }]));
    const localProviders = [...new Set(bindings.filter((b) => !b.module).map((b) => b.provide as Type<unknown>))];
    return {
      module: ConversationsModule,
      imports: [CasesModule, QueueModule, ...new Set(bindings.flatMap((b) => (b.module ? [b.module] : [])))],
      controllers: [ConversationsController, LifecycleController],
      providers: [...CORE_PROVIDERS, ...localProviders, ...ports, { provide: AgentPlatformEvents, useExisting: AgentEventsHandler },
        { provide: FALLBACK_AGENT_PLATFORM, useExisting: fallback.provide },
      ],
      exports: [PlayerMessagesHandler, AgentPlatformEvents, AgentPlatform, PlayerChannel, Satisfaction, StaffAlertStream, ChatLifecycle],
    };
  }
}
