import { Injectable } from '@nestjs/common';
import { ChannelType, REST, Routes } from 'discord.js';
import type { APIChannel, APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { DiscordContent } from '../discord-messenger';
import { toDiscordError } from '../discord-errors';

export interface ThreadMessage extends DiscordContent {
  /** Role ids this message may ping (the staff role, once, when a thread opens). */
  pingRoles?: string[];
}

/**
 * The staff channel's threads over the bot's REST client: in a forum channel a post (its starter
 * message is the first message), in a text channel a private thread then its first message.
 */
@Injectable()
export class StaffThreads {
  /** A channel's type does not change: looked up once. */
  private readonly types = new Map<string, number>();

  constructor(private readonly rest: REST) {}

  async open(channelId: string, name: string, first: ThreadMessage): Promise<{ threadId: string; firstMessageId: string }> {
    const title = name.slice(0, 100);
    if ((await this.typeOf(channelId)) === ChannelType.GuildForum) {
      const created = (await this.call('open a staff forum post', () =>
        this.rest.post(Routes.threads(channelId), { body: { name: title, message: this.body(first) }, files: this.files(first) }),
      )) as APIChannel & { message: APIMessage };
      return { threadId: created.id, firstMessageId: created.message?.id ?? created.id };
    }
    const thread = (await this.call('open a private staff thread', () =>
      this.rest.post(Routes.threads(channelId), { body: { name: title, type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: 10080 } }),
    )) as APIChannel;
    const message = await this.post(thread.id, first);
    return { threadId: thread.id, firstMessageId: message.messageId };
  }

  async post(threadId: string, content: ThreadMessage): Promise<{ messageId: string }> {
    const message = (await this.call('post in a staff thread', () =>
      this.rest.post(Routes.channelMessages(threadId), { body: this.body(content), files: this.files(content) }),
    )) as APIMessage;
    return { messageId: message.id };
  }

  /** Archived and locked: the thread stays readable, and only Manage Threads may reopen it. */
  async archive(threadId: string): Promise<void> {
    await this.call('archive and lock a staff thread', () => this.rest.patch(Routes.channel(threadId), { body: { archived: true, locked: true } }));
  }

  private body(content: ThreadMessage): RESTPostAPIChannelMessageJSONBody {
    const files = content.files ?? [];
    return {
      content: content.content,
      embeds: content.embeds,
      components: content.components,
      // Player text in the thread never pings anyone; only the opening message pings the staff role.
      allowed_mentions: { parse: [], roles: content.pingRoles ?? [] },
      ...(content.nonce ? { nonce: content.nonce, enforce_nonce: true } : {}),
      ...(files.length ? { attachments: files.map((file, index) => ({ id: index, filename: file.name })) } : {}),
    };
  }

  private files(content: ThreadMessage) {
    return (content.files ?? []).map((file) => ({ name: file.name, data: file.data, contentType: file.contentType }));
  }

  private async typeOf(channelId: string): Promise<number> {
    const known = this.types.get(channelId);
    if (known !== undefined) return known;
    const channel = (await this.call('look up the staff channel', () => this.rest.get(Routes.channel(channelId)))) as APIChannel;
    this.types.set(channelId, channel.type);
    return channel.type;
  }

  private async call<T>(action: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toDiscordError(error, action);
    }
  }
}
