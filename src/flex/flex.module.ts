import { DynamicModule, Module } from '@nestjs/common';
import { Twilio } from 'twilio';
import { AppConfig, isTwilioEnabled } from '../config/app-config';
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
 * Twilio Flex as an agent platform (outbound: FlexAgentPlatform and the Twilio clients). Empty
 * when Twilio is not configured. forRoot returns the same module object for the same config, so
 * importing it from two places registers it once.
 */
@Module({})
export class FlexModule {
  static forRoot(config: AppConfig): DynamicModule {
    const known = modules.get(config);
    if (known) return known;
    const module: DynamicModule = isTwilioEnabled(config)
      ? {
          module: FlexModule,
          providers: [
            { provide: RoutedRequestClient, inject: [AppConfig], useFactory: createTwilioHttpClient },
            { provide: Twilio, inject: [AppConfig, RoutedRequestClient], useFactory: createTwilioClient },
            TwilioConversations,
            TwilioMediaService,
            FlexAgentPlatform,
          ],
          exports: [FlexAgentPlatform, Twilio, RoutedRequestClient, TwilioConversations, TwilioMediaService],
        }
      : { module: FlexModule };
    modules.set(config, module);
    return module;
  }
}

/**
 * Flex's inbound side: the signed webhooks, stored as `flex.webhook` jobs and handed to the
 * routing core's AgentPlatformEvents (from `core`, the ConversationsModule AppModule built).
 */
@Module({})
export class FlexWebhooksModule {
  static forRoot(config: AppConfig, core: DynamicModule): DynamicModule {
    if (!isTwilioEnabled(config)) return { module: FlexWebhooksModule };
    return {
      module: FlexWebhooksModule,
      imports: [FlexModule.forRoot(config), QueueModule, core],
      controllers: [FlexWebhooksController],
      providers: [TwilioSignatureGuard, FlexWebhooksService],
    };
  }
}
