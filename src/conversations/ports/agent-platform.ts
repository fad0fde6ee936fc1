import type { Locale } from './locale';
import type { MediaFile } from './media';
import type { PlayerRef } from './player-channel';

/** A platform's own references for a chat (Flex: interaction and channel SIDs). Opaque to the core. */
export type PlatformRefs = Record<string, string>;

/** One transcript line as an agent platform should show it. */
export interface TranscriptLine {
  author: 'PLAYER' | 'BOT' | 'AGENT' | 'SYSTEM';
  authorName: string | null;
  body: string;
  at: Date;
}

/** What identifies a help chat to an agent platform. */
export interface ChatRef {
  conversationId: string;
  player: PlayerRef;
  locale: Locale;
  caseNumber: number | null;
  /** The platform's key for this chat once it has one (Flex: the Twilio Conversation SID). */
  platformKey: string | null;
  platformRefs: PlatformRefs;
}

export interface HandOff extends ChatRef {
  caseNumber: number;
  transcript: TranscriptLine[];
  /** The case of the player's previous help chat, when there was one (a new chat after a close). */
  previousCaseNumber?: number | null;
  /** When the player asked for a person. */
  requestedAt?: Date;
}

export interface HandOffResult {
  platformKey?: string;
  platformRefs?: PlatformRefs;
}

export interface RelayedMessage {
  /** The stored message's id: the platform keeps it so a retried relay can find an earlier post. */
  id: string;
  /** The player channel's id of the message, when it came from there (not for a /helpme question). */
  playerMessageId: string | null;
  body: string;
  media: MediaFile[];
  /** A relay of this message was tried before and may have reached the platform. */
  maybeSent: boolean;
}

/** What differs between agent platforms, declared by each adapter (the core never checks a name). */
export interface AgentPlatformCapabilities {
  /** Player messages must be posted to the platform (Flex); false when agents read the stored transcript. */
  relaysPlayerMessages: boolean;
  /** Every player message goes through the platform's own flow, which calls the bot back (Studio). */
  routesInOwnFlow: boolean;
}

/** Why the core ended a chat on its side: a person on another desk, or the lifecycle after the player went silent. */
export type CloseCause = { by: 'desk' } | { by: 'lifecycle'; silentHours: number };

/**
 * The platform a chat falls back to when its agent platform cannot take it (the hand-off failed,
 * or nobody accepted it): AppModule binds it (today the leads' REST queue).
 */
export const FALLBACK_AGENT_PLATFORM = Symbol('FALLBACK_AGENT_PLATFORM');

/** "Hand to the agent platform". */
export abstract class AgentPlatform {
  /** Stored on the conversation so leads can see where a chat went; never used for decisions. */
  abstract readonly name: string;
  abstract readonly capabilities: AgentPlatformCapabilities;
  /** The player asked for a person: route the chat (with its transcript) to agents. */
  abstract handOff(chat: HandOff): Promise<HandOffResult>;
  /**
   * A player message while an agent is requested or present, or (routesInOwnFlow) any player
   * message: then `chat.platformKey` may still be null and the platform opens its conversation,
   * returning its key so the core keeps the mapping.
   */
  abstract relayPlayerMessage(chat: ChatRef, message: RelayedMessage): Promise<{ platformMessageId?: string; platformKey?: string }>;
  /** A bot answer or system line that agents should also see. */
  abstract mirror(chat: ChatRef, line: TranscriptLine): Promise<void>;
  /** The chat ended on our side (a lead closed it, or it closed automatically): end it on the platform too. */
  abstract close(chat: ChatRef, cause?: CloseCause): Promise<void>;
}
