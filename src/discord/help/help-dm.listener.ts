import { Injectable, Logger } from '@nestjs/common';
import { ChannelType, Message } from 'discord.js';
import { Context, type ContextOf, On } from 'necord';
import { PlayerMessagesHandler } from '../../conversations/player-messages.handler';
import { MediaFile } from '../../conversations/ports';

/** Attachments a player sends in the help chat: downloaded now, since Discord's URLs expire. */
const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

export async function downloadAttachments(message: Message): Promise<MediaFile[]> {
  const files: MediaFile[] = [];
  for (const attachment of message.attachments.values()) {
    if (attachment.size > MAX_ATTACHMENT_BYTES) continue;
    try {
      const response = await fetch(attachment.url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) continue;
      files.push({
        filename: attachment.name,
        contentType: attachment.contentType ?? 'application/octet-stream',
        data: Buffer.from(await response.arrayBuffer()),
      });
    } catch {
      // The text still counts: a file Discord's CDN would not give us must not lose the message.
    }
  }
  return files;
}

/** Player DMs to the bot go to the routing core; guild messages and bots are ignored. */
@Injectable()
export class HelpDmListener {
  private readonly logger = new Logger(HelpDmListener.name);

  constructor(private readonly help: PlayerMessagesHandler) {}

  @On('messageCreate')
  async onMessage(@Context() [message]: ContextOf<'messageCreate'>) {
    if (message.author.bot || message.channel.type !== ChannelType.DM) return;
    try {
      await this.help.receive({
        player: { id: message.author.id, displayName: message.author.globalName ?? message.author.username, channelId: message.channelId },
        playerMessageId: message.id,
        body: message.content,
        media: await downloadAttachments(message),
      });
    } catch (error) {
      // A listener has no reply to carry the error: log it with the message so it can be traced.
      this.logger.error({ err: error, discordMessageId: message.id }, 'Handling a player DM failed');
    }
  }
}
