import { Injectable, Logger } from '@nestjs/common';
import { Message, PartialMessage } from 'discord.js';
import { Context, type ContextOf, On } from 'necord';
import { AppConfig } from '../../config/app-config';
import { AgentPlatformEvents } from '../../conversations/ports';
import { AttachmentDownloader } from '../attachment-downloader';
import { staffAttachments } from './staff-attachments';
import { StaffActions } from './staff-actions';
import { staffAuthor } from './staff-member';

/**
 * Messages in staff threads: a staff member's reply goes to the player (attachments downloaded
 * now, re-uploaded to the DM), a note (STAFF_NOTE_PREFIX) stays on the case, edits and deletions
 * follow to the player's copy. Anyone without the staff role is not relayed (logged).
 */
@Injectable()
export class StaffThreadListener {
  private readonly logger = new Logger('StaffDesk');

  constructor(
    private readonly actions: StaffActions,
    private readonly events: AgentPlatformEvents,
    private readonly config: AppConfig,
    private readonly downloader: AttachmentDownloader,
  ) {}

  private inStaffThread(message: Message | PartialMessage): boolean {
    return message.channel.isThread() && message.channel.parentId === this.config.DISCORD_STAFF_CHANNEL_ID;
  }

  @On('messageCreate')
  async onMessage(@Context() [message]: ContextOf<'messageCreate'>) {
    if (message.author.bot || message.system || !this.inStaffThread(message)) return;
    const member = staffAuthor(message, this.config.DISCORD_STAFF_ROLE_ID!);
    if (!member) {
      this.logger.warn(`Message ${message.id} by ${message.author.id} in staff thread ${message.channelId} not relayed: the author lacks the staff role`);
      return;
    }
    try {
      const prefix = this.config.STAFF_NOTE_PREFIX;
      if (message.content.startsWith(prefix)) {
        await this.actions.note(message.channelId, member, message.id, message.content.slice(prefix.length).trim());
        return;
      }
      await this.actions.reply(message.channelId, member, { messageId: message.id, body: message.content, media: await staffAttachments(message, this.downloader, this.config.DISCORD_ATTACHMENT_MAX_BYTES) });
    } catch (error) {
      this.logger.error({ err: error, discordMessageId: message.id }, 'Relaying a staff message failed');
    }
  }

  @On('messageUpdate')
  async onEdit(@Context() [, message]: ContextOf<'messageUpdate'>) {
    if (message.author?.bot || !this.inStaffThread(message) || message.content === null) return;
    if (message.content.startsWith(this.config.STAFF_NOTE_PREFIX)) return;
    const name = message.member?.displayName;
    await this.events
      .agentMessageChanged({ platformKey: message.channelId, platformMessageId: message.id, body: message.content, ...(name ? { shownAs: `Support · ${name}` } : {}) })
      .catch((error: unknown) => this.logger.error({ err: error, discordMessageId: message.id }, 'Applying a staff edit to the player copy failed'));
  }

  @On('messageDelete')
  async onDelete(@Context() [message]: ContextOf<'messageDelete'>) {
    if (!this.inStaffThread(message)) return;
    // Only an agent message relayed from this thread is found by its id; anything else is ignored.
    await this.events
      .agentMessageChanged({ platformKey: message.channelId, platformMessageId: message.id })
      .catch((error: unknown) => this.logger.error({ err: error, discordMessageId: message.id }, 'Deleting the player copy of a staff message failed'));
  }
}
