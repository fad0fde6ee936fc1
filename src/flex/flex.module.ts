import { DynamicModule, Module } from '@nestjs/common';
import { Twilio } from 'twilio';
import { AppConfig, isTwilioEnabled } from '../config/app-config';
import { AgentPlatform } from '../conversations/ports';
import { QueueModule } from '../queue/queue.module';
import { FlexAgentPlatform } from './flex-agent.platform';
import { FlexWebhooksService } from './flex-webhooks.service';
import { createTwilioClient, createTwilioHttpClient } from './twilio-client';
import { TwilioConversations } from './twilio-conversations';
import { RoutedRequestClient } from './twilio-http';
import { TwilioMediaService } from './twilio-media';
import { TwilioSignatureGuard } from './twilio-signature.guard';
import { FlexWebhooksController } from './webhooks.controller';

const modules = new WeakMap<AppConfig, DynamicModule>();

/**
 * Twilio Flex as the agent platform, with its webhooks. Empty when Twilio is not configured.
 * Needs AgentPlatformEvents from a global module (ConversationsModule). forRoot returns the same
 * module object for the same config, so importing it from two places registers it once.
 */
@Module({})
export class FlexModule {
  static forRoot(config: AppConfig): DynamicModule {
    const known = modules.get(config);
    if (known) return known;
    const module: DynamicModule = isTwilioEnabled(config)
      ? {
          module: FlexModule,
          imports: [QueueModule],
          controllers: [FlexWebhooksController],
          providers: [
            { provide: RoutedRequestClient, inject: [AppConfig], useFactory: createTwilioHttpClient },
            { provide: Twilio, inject: [AppConfig, RoutedRequestClient], useFactory: createTwilioClient },
            TwilioConversations,
            TwilioMediaService,
            FlexAgentPlatform,
            { provide: AgentPlatform, useExisting: FlexAgentPlatform },
            TwilioSignatureGuard,
            FlexWebhooksService,
          ],
          exports: [FlexAgentPlatform, AgentPlatform, Twilio, RoutedRequestClient, TwilioConversations, TwilioMediaService],
        }
      : { module: FlexModule };
    modules.set(config, module);
    return module;
  }
}
