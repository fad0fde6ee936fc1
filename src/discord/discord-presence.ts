import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';
import { Context, type ContextOf, Once } from 'necord';
import { AppConfig } from '../config/app-config';

/** What the bot needs in a server: read the report channels, post embeds and files, slash commands. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles | PermissionFlagsBits.UseApplicationCommands;

export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({ client_id: applicationId, scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '), permissions: BOT_PERMISSIONS.toString() });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

/** One log line when the bot is online, with the invite link for adding it to a server. */
@Injectable()
export class DiscordReadyLogger {
  private readonly logger = new Logger('Discord');

  constructor(private readonly config: AppConfig) {}

  @Once('clientReady')
  onReady(@Context() [client]: ContextOf<'clientReady'>): void {
    const applicationId = client.application.id;
    if (this.config.DISCORD_APPLICATION_ID && this.config.DISCORD_APPLICATION_ID !== applicationId) {
      this.logger.warn(`DISCORD_APPLICATION_ID is ${this.config.DISCORD_APPLICATION_ID} but the token belongs to application ${applicationId}`);
    }
    const where = this.config.DISCORD_DEV_GUILD_ID ? `commands in guild ${this.config.DISCORD_DEV_GUILD_ID}` : 'global commands';
    this.logger.log(`Discord bot online as ${client.user.tag} in ${client.guilds.cache.size} server(s), ${where}; invite: ${inviteUrl(applicationId)}`);
  }
}

/** Without DISCORD_TOKEN the HTTP side runs alone; say so once. */
@Injectable()
export class DiscordOffNotice implements OnModuleInit {
  onModuleInit(): void {
    new Logger('Discord').warn('DISCORD_TOKEN is not set: the Discord bot is off (slash commands, DMs and reporter notifications); the HTTP API runs without it');
  }
}
