import type { Locale } from './locale';
import type { MediaFile } from './media';

export interface AgentMessageEvent {
  platformKey: string;
  /** Unique per message: the core delivers each one to the player at most once. */
  platformMessageId: string;
  authorName: string | null;
  body: string;
  media: MediaFile[];
  /** How the player sees the author when it differs from `authorName` (e.g. "Support · Sam"). */
  shownAs?: string;
}

export interface AgentJoinedEvent {
  platformKey: string;
  agentName: string | null;
  /** Who the case history names (a platform's person); the platform's name when absent. */
  actor?: string;
  /**
   * A secondary signal of the same arrival (the platform also reports it another way): applied
   * only while no agent is present, so the player is not told twice.
   */
  onlyIfNoAgent?: boolean;
  /** References the platform learnt with this event (e.g. the routing it made itself), merged into the chat's. */
  platformRefs?: Record<string, string>;
}

export interface NoAgentEvent {
  platformKey: string;
}

export interface PlatformClosedEvent {
  platformKey: string;
  /** Why the agent closed it, kept in the case history under `actor`. */
  reason?: string;
  actor?: string;
}

export interface AgentMessageChangedEvent {
  platformKey: string;
  platformMessageId: string;
  /** The new text; absent when the agent deleted the message. */
  body?: string;
  /** How the player sees the author (as in AgentMessageEvent). */
  shownAs?: string;
}

export interface InternalNoteEvent {
  platformKey: string;
  /** The platform's own id of the note: a redelivered note is recorded once. */
  platformMessageId: string;
  actor: string;
  body: string;
}

/** What an agent platform may read about one of its chats (to answer in the player's language, to see who has it). */
export interface PlatformChatView {
  conversationId: string;
  caseNumber: number | null;
  locale: Locale;
  open: boolean;
  agentName: string | null;
}

export interface BotTurnEvent {
  platformKey: string;
  platformMessageId: string;
  body: string;
}

/** What an agent platform tells the routing core (its inbound port); the core's AgentEventsHandler implements it. */
export abstract class AgentPlatformEvents {
  /** An agent wrote to the player. */
  abstract agentMessage(event: AgentMessageEvent): Promise<void>;
  /** An agent joined: the player is told, the case goes IN_PROGRESS with the agent as assignee. */
  abstract agentJoined(event: AgentJoinedEvent): Promise<void>;
  /** The platform closed the chat: the player is told; the next message starts over with the bot. */
  abstract platformClosed(event: PlatformClosedEvent): Promise<void>;
  /**
   * Nobody took the chat (the platform gave up routing it): the player is told, the case stays
   * open and the chat waits on the fallback platform chosen by AppModule.
   */
  abstract noAgentAvailable(event: NoAgentEvent): Promise<void>;
  /** A platform routing in its own flow asks the bot to answer the player's message. */
  abstract botTurn(event: BotTurnEvent): Promise<void>;
  /** An agent edited (body) or deleted (no body) a message already relayed: the player's copy follows. */
  abstract agentMessageChanged(event: AgentMessageChangedEvent): Promise<void>;
  /** An agent wrote a note for colleagues: kept on the case, never sent to the player. */
  abstract internalNote(event: InternalNoteEvent): Promise<void>;
  /** The chat behind a platform key, or null. */
  abstract chat(platformKey: string): Promise<PlatformChatView | null>;
}
