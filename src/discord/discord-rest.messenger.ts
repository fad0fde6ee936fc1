import { Injectable } from '@nestjs/common';
import { DiscordAPIError, REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { APIChannel, APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { DiscordContent, DiscordMessenger } from './discord-messenger';
import { DiscordDeliveryError, toDiscordError } from './discord-errors';

/** DM channel ids are stable per user: remembering them saves a REST call per message. */
const DM_CACHE_SIZE = 10_000;

/**
 * The messenger over discord.js' REST client (the bot's own, so its rate-limit queues and
 * Discord's global limit are shared with the gateway client).
 */
@Injectable()
export class DiscordRestMessenger extends DiscordMessenger {
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly rest: REST) {
    super();
  }

  async openDm(userId: string): Promise<string> {
    const cached = this.dmChannels.get(userId);
    if (cached) return cached;
    const channel = (await this.call('open a direct message', () => this.rest.post(Routes.userChannels(), { body: { recipient_id: userId } }))) as APIChannel;
    if (this.dmChannels.size >= DM_CACHE_SIZE) this.dmChannels.delete(this.dmChannels.keys().next().value!);
    this.dmChannels.set(userId, channel.id);
    return channel.id;
  }

  async sendDm(userId: string, content: DiscordContent): Promise<{ channelId: string; messageId: string }> {
    const channelId = await this.openDm(userId);
    try {
      return { channelId, ...(await this.sendToChannel(channelId, content)) };
    } catch (error) {
      // A remembered channel that Discord no longer knows: forget it and open the DM again, once.
      if (!(error instanceof DiscordDeliveryError) || error.discordCode !== RESTJSONErrorCodes.UnknownChannel) throw error;
      this.dmChannels.delete(userId);
      const fresh = await this.openDm(userId);
      return { channelId: fresh, ...(await this.sendToChannel(fresh, content)) };
    }
  }

  async sendToChannel(channelId: string, content: DiscordContent): Promise<{ messageId: string }> {
    const files = content.files ?? [];
    const body: RESTPostAPIChannelMessageJSONBody = {
      content: content.content,
      embeds: content.embeds,
      components: content.components,
      // Player-written text must never ping @everyone or roles.
      allowed_mentions: { parse: [] },
      ...(content.nonce ? { nonce: content.nonce, enforce_nonce: true } : {}),
      ...(files.length ? { attachments: files.map((file, index) => ({ id: index, filename: file.name })) } : {}),
    };
    const message = (await this.call('send a message', () =>
      this.rest.post(Routes.channelMessages(channelId), {
        body,
        files: files.map((file) => ({ name: file.name, data: file.data, contentType: file.contentType })),
      }),
    )) as APIMessage;
    return { messageId: message.id };
  }

  override async editMessage(channelId: string, messageId: string, content: DiscordContent): Promise<void> {
    await this.call('edit a message', () =>
      this.rest.patch(Routes.channelMessage(channelId, messageId), { body: { content: content.content, embeds: content.embeds, allowed_mentions: { parse: [] } } }),
    );
  }

  override async deleteMessage(channelId: string, messageId: string): Promise<void> {
    try {
      await this.rest.delete(Routes.channelMessage(channelId, messageId));
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage) return;
      throw toDiscordError(error, 'delete a message');
    }
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toDiscordError(error, action);
    }
  }
}
