import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/domain-error';
import { AgentPlatform, AgentPlatformCapabilities, ChatRef, CloseCause, HandOff, HandOffResult, RelayedMessage, TranscriptLine } from '../../conversations/ports';
import { StaffDeskStatus } from './staff-desk-status';
import { openingEmbed, threadButtons, threadTitle } from './thread-render';
import { StaffThreads } from './staff-threads';

export const STAFF_DESK = 'discord-staff';

/** At most 25 characters: a piece of the chat id and the stored message's id. */
const nonceOf = (chat: ChatRef, kind: string, id: string) => `${kind}${chat.conversationId.slice(0, 8)}-${id}`.slice(0, 25);

/**
 * The Discord staff desk as an agent platform: a thread per help chat in DISCORD_STAFF_CHANNEL_ID
 * (its id is the chat's platform key), every player message posted there, replies from other
 * desks mirrored, and the thread archived and locked when the chat ends.
 */
@Injectable()
export class StaffDeskPlatform extends AgentPlatform {
  readonly name = STAFF_DESK;
  readonly capabilities: AgentPlatformCapabilities = { relaysPlayerMessages: true, routesInOwnFlow: false };

  constructor(
    private readonly threads: StaffThreads,
    private readonly status: StaffDeskStatus,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async handOff(chat: HandOff): Promise<HandOffResult> {
    // The start-up check found the channel unusable: the core keeps the chat in the REST queue.
    if (this.status.problem) throw new DomainError('staff_desk_unavailable', 503, this.status.problem);
    const roleId = this.config.DISCORD_STAFF_ROLE_ID!;
    const { threadId, firstMessageId } = await this.threads.open(this.config.DISCORD_STAFF_CHANNEL_ID!, threadTitle(chat), {
      content: `<@&${roleId}> case #${chat.caseNumber}: ${chat.player.displayName} is waiting for a person.`,
      pingRoles: [roleId],
      embeds: [openingEmbed(chat)],
      components: threadButtons(),
    });
    return { platformKey: threadId, platformRefs: { threadId, firstMessageId } };
  }

  async relayPlayerMessage(chat: ChatRef, message: RelayedMessage): Promise<{ platformMessageId?: string }> {
    // A chat that fell back to the REST queue has no thread: leads read it there.
    if (!chat.platformKey) return {};
    const posted = await this.threads.post(chat.platformKey, {
      content: `**${chat.player.displayName}:** ${message.body}`.slice(0, 2000),
      files: message.media.map((m) => ({ name: m.filename, data: m.data, contentType: m.contentType })),
      // A retried relay (maybeSent) gets Discord's first message back instead of a second post.
      nonce: nonceOf(chat, 'p', message.id),
    });
    return { platformMessageId: posted.messageId };
  }

  async mirror(chat: ChatRef, line: TranscriptLine): Promise<void> {
    if (!chat.platformKey) return;
    const who = line.author === 'AGENT' ? `Support · ${line.authorName ?? 'an agent'} (from another desk)` : (line.authorName ?? line.author.toLowerCase());
    await this.threads.post(chat.platformKey, { content: `**${who}:** ${line.body}`.slice(0, 2000) });
  }

  async close(chat: ChatRef, cause: CloseCause = { by: 'desk' }): Promise<void> {
    if (!chat.platformKey) return;
    const content = cause.by === 'lifecycle' ? `The chat closed automatically: the player did not answer for ${cause.silentHours} hours.` : 'The chat was closed from another desk.';
    // A chat closes once: a retried close job gets Discord's first line back instead of a second one.
    await this.threads.post(chat.platformKey, { content, nonce: nonceOf(chat, 'c', 'close') });
    await this.threads.archive(chat.platformKey);
  }
}
