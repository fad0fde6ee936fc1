import type { MediaFile } from './media';

export interface AgentMessageEvent {
  platformKey: string;
  /** Unique per message: the core delivers each one to the player at most once. */
  platformMessageId: string;
  authorName: string | null;
  body: string;
  media: MediaFile[];
}

export interface AgentJoinedEvent {
  platformKey: string;
  agentName: string | null;
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
}
