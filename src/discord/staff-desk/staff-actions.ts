import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import { AgentPlatformEvents, MediaFile, PlatformChatView } from '../../conversations/ports';
import { StaffMember, staffActor } from './staff-member';
import { StaffThreads } from './staff-threads';

export type ClaimOutcome = { claimed: true } | { claimed: false; heldBy: string } | { claimed: false; already: true };

/**
 * What staff do in a thread, as the routing core's agent events: reply (claiming an unclaimed
 * chat first, as a reply through the REST API does), claim or take over, note, close.
 */
@Injectable()
export class StaffActions {
  private readonly logger = new Logger('StaffDesk');

  constructor(
    private readonly events: AgentPlatformEvents,
    private readonly threads: StaffThreads,
  ) {}

  /** The chat behind a thread, open; a DomainError for a closed or unknown one. */
  async openChat(threadId: string): Promise<PlatformChatView> {
    const chat = await this.events.chat(threadId);
    if (!chat) throw DomainError.notFound('A help chat for this thread');
    if (!chat.open) throw DomainError.conflict('conversation_closed', 'This chat is closed.');
    return chat;
  }

  async reply(threadId: string, member: StaffMember, input: { messageId: string; body: string; media: MediaFile[] }): Promise<void> {
    const chat = await this.events.chat(threadId);
    if (!chat?.open) {
      this.logger.warn(`Staff message ${input.messageId} in thread ${threadId} not relayed: the chat is ${chat ? 'closed' : 'unknown'}`);
      return;
    }
    if (chat.agentName === null) await this.events.agentJoined({ platformKey: threadId, agentName: member.name, actor: staffActor(member) });
    await this.events.agentMessage({
      platformKey: threadId,
      platformMessageId: input.messageId,
      authorName: member.name,
      shownAs: `Support · ${member.name}`,
      body: input.body,
      media: input.media,
    });
  }

  async note(threadId: string, member: StaffMember, messageId: string, body: string): Promise<void> {
    await this.events.internalNote({ platformKey: threadId, platformMessageId: messageId, actor: staffActor(member), body });
  }

  /** Claims an unclaimed chat; someone else's only with `takeOver` (after the member confirmed). */
  async claim(threadId: string, member: StaffMember, takeOver = false): Promise<ClaimOutcome> {
    const chat = await this.openChat(threadId);
    if (chat.agentName === member.name) return { claimed: false, already: true };
    if (chat.agentName !== null && !takeOver) return { claimed: false, heldBy: chat.agentName };
    await this.events.agentJoined({ platformKey: threadId, agentName: member.name, actor: staffActor(member) });
    return { claimed: true };
  }

  /** Ends the chat: the player is told, the reason kept on the case. */
  async close(threadId: string, member: StaffMember, reason?: string): Promise<void> {
    await this.openChat(threadId);
    await this.events.platformClosed({ platformKey: threadId, actor: staffActor(member), reason: reason?.trim() || `closed by ${member.name}` });
  }

  /** After the close was announced in the thread: archived and locked, so nobody writes to a finished chat. */
  async archive(threadId: string): Promise<void> {
    await this.threads.archive(threadId);
  }
}
