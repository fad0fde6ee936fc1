import { DynamicModule, Module } from '@nestjs/common';
import { ChatbotModule } from '../../chatbot/chatbot.module';
import { AppConfig } from '../../config/app-config';
import { PlayerChannel } from '../../conversations/ports';
import { AgentButtonHandler } from './agent-button.handler';
import { DiscordPlayerChannel } from './discord-player-channel';
import { FeedbackButtonHandler } from './feedback-button.handler';
import { HelpDmListener } from './help-dm.listener';
import { HelpmeCommand } from './helpme.command';

/**
 * Discord as the help chat's player side: the PlayerChannel port over DiscordMessenger, and when
 * the bot is on, /helpme, the DM listener and the live-agent button.
 */
@Module({})
export class DiscordHelpModule {
  static forRoot(config: AppConfig): DynamicModule {
    const handlers = config.DISCORD_TOKEN ? [HelpmeCommand, HelpDmListener, AgentButtonHandler, FeedbackButtonHandler] : [];
    return {
      module: DiscordHelpModule,
      imports: [ChatbotModule],
      providers: [DiscordPlayerChannel, { provide: PlayerChannel, useExisting: DiscordPlayerChannel }, ...handlers],
      exports: [PlayerChannel],
    };
  }
}
