import { DynamicModule, Module } from '@nestjs/common';
import { GatewayIntentBits, Partials } from 'discord.js';
import { NecordModule, NecordModuleOptions } from 'necord';
import { CasesModule } from '../cases/cases.module';
import { AppConfig, isStaffDeskEnabled } from '../config/app-config';
import { AttachmentDownloader } from './attachment-downloader';
import { HelpDmIntake } from './help-dm-intake';
import { CaseNotifier } from './case-notifier';
import { CaseCommand } from './commands/case.command';
import { DiscordMessenger } from './discord-messenger';
import { DiscordOffNotice, DiscordReadyLogger } from './discord-presence';
import { DiscordRestMessenger } from './discord-rest.messenger';
import { DisabledDiscordMessenger } from './disabled-discord.messenger';
import { GatewayLeader } from './gateway-leader';
import { PlayerCasesService } from './player-cases.service';
import { DiscordRestBudget } from './rest-budget';
import { DiscordShutdown } from './discord-shutdown';
import { DiscordRestShutdown } from './rest-shutdown';
import { StoppableShardingStrategy } from './stoppable-gateway';

/**
 * The gateway connection asks only for what the features use: Guilds (slash commands and
 * channels) and DirectMessages (the help chat). DM channels are not cached before their first
 * message, so Partials.Channel is needed to receive DMs at all. Message content in DMs reaches
 * bots without the privileged MessageContent intent; staff messages in staff threads need
 * GuildMessages and MessageContent (switched on in the Developer Portal), so only the staff desk
 * asks for them (also with Flex on: chats nobody accepts there fall back to staff threads).
 */
export function necordOptions(config: AppConfig, shutdown: DiscordShutdown): NecordModuleOptions {
  const staffThreads = isStaffDeskEnabled(config);
  return {
    token: config.DISCORD_TOKEN!,
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.DirectMessages,
      ...(staffThreads ? [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : []),
    ],
    partials: [Partials.Channel],
    // Shards that a shutdown can stop at any moment of the login (see StoppableShardingStrategy).
    ws: { buildStrategy: (manager) => new StoppableShardingStrategy(manager, shutdown) },
    rest: { api: config.DISCORD_API_URL },
    // Nothing the bot sends pings anyone unless a message says so explicitly.
    allowedMentions: { parse: [] },
    development: config.DISCORD_DEV_GUILD_ID ? [config.DISCORD_DEV_GUILD_ID] : false,
  };
}

/**
 * Discord for the whole application (global): `DiscordMessenger` everywhere, and when the bot is on,
 * Necord's providers (the discord.js `Client`, `REST`) for other features' commands and listeners.
 * Without DISCORD_TOKEN the messenger answers `discord_unavailable` and nothing connects.
 */
@Module({})
export class DiscordModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.DISCORD_TOKEN) {
      return {
        module: DiscordModule,
        global: true,
        providers: [{ provide: DiscordMessenger, useClass: DisabledDiscordMessenger }, DiscordOffNotice],
        exports: [DiscordMessenger],
      };
    }
    // Made before Necord builds the client: its gateway strategy takes the signal (one per app).
    const shutdown = new DiscordShutdown();
    return {
      module: DiscordModule,
      global: true,
      imports: [NecordModule.forRoot(necordOptions(config, shutdown)), CasesModule],
      providers: [
        { provide: DiscordShutdown, useValue: shutdown },
        { provide: DiscordMessenger, useClass: DiscordRestMessenger },
        AttachmentDownloader,
        HelpDmIntake,
        PlayerCasesService,
        CaseCommand,
        CaseNotifier,
        DiscordReadyLogger,
        // One replica on the gateway (Postgres advisory lock); the others use REST only.
        GatewayLeader,
        // Every replica's REST calls take slots from one Postgres budget (Discord's global limit).
        DiscordRestBudget,
        // REST calls in flight when the service stops are aborted (none outlives it).
        DiscordRestShutdown,
      ],
      exports: [DiscordMessenger, NecordModule, HelpDmIntake, GatewayLeader, DiscordShutdown],
    };
  }
}
