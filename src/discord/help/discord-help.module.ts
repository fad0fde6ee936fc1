import { DynamicModule, Module } from '@nestjs/common';
import { ChatbotModule } from '../../chatbot/chatbot.module';
import { AppConfig } from '../../config/app-config';
import { AgentButtonHandler } from './agent-button.handler';
import { FeedbackButtonHandler } from './feedback-button.handler';
import { HelpDmListener } from './help-dm.listener';
import { HelpmeCommand } from './helpme.command';
import { SatisfactionHandlers } from './satisfaction.handlers';

/**
 * Discord's entry points into the help chat when the bot is on: /helpme, the DM listener and the
 * live-agent button, calling the routing core (`core`, the ConversationsModule AppModule built).
 * The outbound side, DiscordPlayerChannel, is bound to the core's PlayerChannel port in AppModule.
 */
@Module({})
export class DiscordHelpModule {
  static forRoot(config: AppConfig, core: DynamicModule): DynamicModule {
    return {
      module: DiscordHelpModule,
      imports: [core, ChatbotModule],
      providers: config.DISCORD_TOKEN ? [HelpmeCommand, HelpDmListener, AgentButtonHandler, FeedbackButtonHandler, SatisfactionHandlers] : [],
    };
  }
}
