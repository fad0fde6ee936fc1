import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ChannelType, Client, GuildChannel, PermissionFlagsBits } from 'discord.js';
import { AppConfig, isTwilioEnabled } from '../../config/app-config';
import { ServiceStoppingError } from '../../common/service-stopping';
import { DiscordShutdown, untilReady } from '../discord-shutdown';
import { StaffDeskStatus } from './staff-desk-status';

const READY_WAIT_MS = 60_000;

/** What the bot needs in the staff channel (with Flex on too: chats nobody accepts there get threads). */
const FOR_THREADS: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
  [PermissionFlagsBits.ManageThreads, 'Manage Threads'],
  [PermissionFlagsBits.AttachFiles, 'Attach Files'],
];

/**
 * At start-up: DISCORD_STAFF_CHANNEL_ID exists, is a forum or text channel, and the bot has what it
 * needs there; DISCORD_STAFF_ROLE_ID exists. Otherwise one line naming the variable and what is
 * missing, and the desk stays off: hand-offs wait in the REST queue (GET /api/conversations).
 */
@Injectable()
export class StaffDeskCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('StaffDesk');
  /** With Flex on the channel also gets plain alert messages, which a forum channel cannot take. */
  private readonly textOnly: boolean;

  constructor(
    private readonly client: Client,
    private readonly status: StaffDeskStatus,
    private readonly config: AppConfig,
    private readonly shutdown: DiscordShutdown,
  ) {
    this.textOnly = isTwilioEnabled(config);
  }

  onApplicationBootstrap(): void {
    // Not awaited: the check waits for the Discord connection, boot does not.
    void this.check().catch((error: unknown) => {
      if (!(error instanceof ServiceStoppingError)) this.logger.warn({ err: error }, 'Checking the staff channel failed');
    });
  }

  async check(): Promise<string | null> {
    const problem = await this.find();
    this.status.problem = problem;
    if (problem) this.logger.error(`${problem}; the staff desk is off and chats wait in the REST queue (GET /api/conversations)`);
    return problem;
  }

  private async find(): Promise<string | null> {
    const channelId = this.config.DISCORD_STAFF_CHANNEL_ID!;
    const variable = `DISCORD_STAFF_CHANNEL_ID=${channelId}`;
    const ready = await untilReady(this.client, this.shutdown, READY_WAIT_MS);
    this.shutdown.throwIfStopping();
    if (!ready || !this.client.isReady()) return `${variable}: the bot did not connect to Discord within a minute, so the channel could not be checked`;
    const channel = await this.client.channels.fetch(channelId).catch(() => null);
    this.shutdown.throwIfStopping();
    if (!channel) return `${variable}: no such channel, or the bot cannot see it (is the bot in that server, with View Channel?)`;
    const usable = this.textOnly ? [ChannelType.GuildText] : [ChannelType.GuildText, ChannelType.GuildForum];
    if (!usable.includes(channel.type) || !(channel instanceof GuildChannel)) {
      return `${variable}: the channel must be a ${this.textOnly ? 'text' : 'forum or text'} channel (it is of type ${channel.type})`;
    }
    const needed = [...FOR_THREADS, ...(channel.type === ChannelType.GuildText ? ([[PermissionFlagsBits.CreatePrivateThreads, 'Create Private Threads']] as [bigint, string][]) : [])];
    const permissions = channel.permissionsFor(this.client.user);
    const missing = needed.filter(([flag]) => !permissions?.has(flag)).map(([, name]) => name);
    if (missing.length) return `${variable}: the bot lacks ${missing.join(', ')} in that channel`;
    const roleId = this.config.DISCORD_STAFF_ROLE_ID!;
    if (!channel.guild.roles.cache.has(roleId)) return `DISCORD_STAFF_ROLE_ID=${roleId}: no such role in the staff channel's server`;
    return null;
  }
}
