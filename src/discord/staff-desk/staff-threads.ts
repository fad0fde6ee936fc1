import { Injectable } from '@nestjs/common';
import { ChannelType, REST, Routes } from 'discord.js';
import type { APIChannel, APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { DiscordContent } from '../discord-messenger';
import { ChannelTypes } from '../channel-types';
import { callDiscord } from '../discord-errors';

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
  private readonly types: ChannelTypes;

  constructor(private readonly rest: REST) {
    this.types = new ChannelTypes(rest, 'look up the staff channel');
  }

  async open(channelId: string, name: string, first: ThreadMessage): Promise<{ threadId: string; firstMessageId: string }> {
    const title = name.slice(0, 100);
    if ((await this.types.of(channelId)) === ChannelType.GuildForum) {
      const created = (await callDiscord('open a staff forum post', () =>
        this.rest.post(Routes.threads(channelId), { body: { name: title, message: this.body(first) }, files: this.files(first) }),
      )) as APIChannel & { message: APIMessage };
      return { threadId: created.id, firstMessageId: created.message?.id ?? created.id };
    }
    const thread = (await callDiscord('open a private staff thread', () =>
      this.rest.post(Routes.threads(channelId), { body: { name: title, type: ChannelType.PrivateThread, invitable: false, auto_archive_duration: 10080 } }),
    )) as APIChannel;
    const message = await this.post(thread.id, first);
    return { threadId: thread.id, firstMessageId: message.messageId };
  }

  async post(threadId: string, content: ThreadMessage): Promise<{ messageId: string }> {
    const message = (await callDiscord('post in a staff thread', () =>
      this.rest.post(Routes.channelMessages(threadId), { body: this.body(content), files: this.files(content) }),
    )) as APIMessage;
    return { messageId: message.id };
  }

  /** Archived and locked: the thread stays readable, and only Manage Threads may reopen it. */
  async archive(threadId: string): Promise<void> {
    await callDiscord('archive and lock a staff thread', () => this.rest.patch(Routes.channel(threadId), { body: { archived: true, locked: true } }));
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
}
