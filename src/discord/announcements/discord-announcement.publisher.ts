import { Injectable } from '@nestjs/common';
import { ChannelType, Client, DiscordAPIError, PermissionFlagsBits, PermissionsBitField, REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { AnnouncementPost, AnnouncementPublisher, CrosspostOutcome } from '../../announcements/announcement-publisher';
import { ChannelTypes } from '../channel-types';
import { callDiscord, toDiscordError } from '../discord-errors';
import { DiscordShutdown, untilReady } from '../discord-shutdown';
import { announcementMessage } from './announcement-message';

const NEEDED: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];
const READY_WAIT_MS = 60_000;

/** Announcements over the bot's REST client: post (with a nonce), crosspost, edit, delete. */
@Injectable()
export class DiscordAnnouncementPublisher extends AnnouncementPublisher {
  /** A channel's type does not change; one lookup per channel decides on crossposting. */
  private readonly channelTypes: ChannelTypes;

  constructor(
    private readonly rest: REST,
    private readonly client: Client,
    private readonly shutdown: DiscordShutdown,
  ) {
    super();
    this.channelTypes = new ChannelTypes(rest, 'look up the announcement channel');
  }

  async post(channelId: string, post: AnnouncementPost, idempotencyKey: string): Promise<{ messageId: string }> {
    // enforce_nonce: a retry after a lost answer returns the message already created.
    const body = { ...announcementMessage(post), nonce: idempotencyKey, enforce_nonce: true };
    const message = (await callDiscord('post an announcement', () => this.rest.post(Routes.channelMessages(channelId), { body }))) as APIMessage;
    return { messageId: message.id };
  }

  async crosspost(channelId: string, messageId: string): Promise<CrosspostOutcome> {
    if ((await this.channelTypes.of(channelId)) !== ChannelType.GuildAnnouncement) return 'not_an_announcement_channel';
    try {
      await this.rest.post(Routes.channelMessageCrosspost(channelId, messageId));
      return 'published';
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThisMessageWasAlreadyCrossposted) return 'already_published';
      throw toDiscordError(error, 'publish an announcement to following servers');
    }
  }

  async edit(channelId: string, messageId: string, post: AnnouncementPost): Promise<void> {
    await callDiscord('edit an announcement', () => this.rest.patch(Routes.channelMessage(channelId, messageId), { body: announcementMessage(post) }));
  }

  async remove(channelId: string, messageId: string): Promise<void> {
    try {
      await this.rest.delete(Routes.channelMessage(channelId, messageId));
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) return; // already gone
      throw toDiscordError(error, 'delete an announcement');
    }
  }

  async checkChannel(channelId: string): Promise<string | null> {
    const ready = await untilReady(this.client, this.shutdown, READY_WAIT_MS);
    this.shutdown.throwIfStopping();
    if (!ready || !this.client.isReady()) return 'the bot did not connect to Discord within a minute, so the channel could not be checked';
    const channel = await this.client.channels.fetch(channelId).catch(() => null);
    this.shutdown.throwIfStopping();
    if (!channel) return 'no such channel, or the bot cannot see it (is the bot in that server, with View Channel?)';
    if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
      return `it is not a text or Announcement channel (type ${channel.type})`;
    }
    this.channelTypes.remember(channelId, channel.type);
    const permissions = channel.permissionsFor(this.client.user);
    const missing = NEEDED.filter(([flag]) => !permissions?.has(new PermissionsBitField(flag))).map(([, name]) => name);
    return missing.length ? `the bot lacks ${missing.join(', ')} in that channel` : null;
  }
}
