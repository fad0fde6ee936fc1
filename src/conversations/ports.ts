/**
 * The routing core's ports. The core decides where a player's message goes; adapters implement
 * these classes (Discord: src/discord, Flex: src/flex, leads' queue: src/conversations).
 * Nothing here imports discord.js or twilio.
 */

export type Locale = 'en' | 'fr' | 'es' | 'de' | 'pt';

export interface MediaFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

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
  discordUserId: string;
  discordUserName: string;
  dmChannelId: string;
  locale: Locale;
  caseNumber: number | null;
  platformConversationId: string | null;
  platformInteractionId: string | null;
  platformChannelId: string | null;
}

export interface HandOff extends ChatRef {
  caseNumber: number;
  transcript: TranscriptLine[];
}

export interface HandOffResult {
  /** Which implementation took the chat: 'leads' (REST API queue) or 'flex'. */
  transport: string;
  platformConversationId?: string;
  platformInteractionId?: string;
  platformChannelId?: string;
}

export interface PlayerMessage {
  body: string;
  discordMessageId: string;
  media: MediaFile[];
}

/** "Hand to the agent platform". */
export abstract class AgentPlatform {
  abstract readonly name: string;
  /** The player asked for a person: route the chat (with its transcript) to agents. */
  abstract handOff(chat: HandOff): Promise<HandOffResult>;
  /**
   * A player message while an agent is requested or present, or (studio mode) any player message:
   * then `chat.platformConversationId` may still be null and the platform opens its conversation,
   * returning its id so the core keeps the mapping.
   */
  abstract relayPlayerMessage(chat: ChatRef, message: PlayerMessage): Promise<{ platformMessageId?: string; platformConversationId?: string }>;
  /** A bot answer or system line that agents should also see (studio mode mirrors bot turns). */
  abstract mirror(chat: ChatRef, line: TranscriptLine): Promise<void>;
  /** The chat ended on our side (a lead closed it): end it on the platform too. */
  abstract close(chat: ChatRef): Promise<void>;
}

/** What kind of turn the bot answered: small talk gets a reply of its own, without articles. */
export type BotAnswerKind = 'answer' | 'fallback' | 'greeting' | 'thanks' | 'not-helpful';

export interface BotAnswer {
  /** What to tell the player, in `locale`: an intro to the articles, a written answer, or a reply. */
  text: string;
  articles: { slug: string; title: string; excerpt: string; url: string }[];
  /** True when the bot found nothing useful and offers the live agent prominently. */
  fallback: boolean;
  /** The language the bot answered in (the player's words may differ from their Discord language). */
  locale?: Locale;
  kind?: BotAnswerKind;
  /** Set when articles are shown: the "did this help?" buttons carry it back to the bot. */
  feedbackId?: string;
  /** The buttons' labels, in `locale`. */
  feedbackLabels?: { yes: string; no: string };
}

/** "Answer with the bot". */
export abstract class SupportBot {
  abstract answer(question: string, locale: Locale): Promise<BotAnswer>;
  /** Whether a message asks for a person ("agent", "humano", "Mitarbeiter", ...). */
  abstract wantsHuman(text: string): boolean;
}

/** An agent-side event, as the Flex webhooks report it (the core's inbound port). */
export interface AgentMessageEvent {
  platformConversationId: string;
  /** Unique per message (Twilio IM... SID): the core delivers each one to Discord at most once. */
  platformMessageId: string;
  authorName: string | null;
  body: string;
  media: MediaFile[];
}

/**
 * What an agent platform tells the routing core. ConversationsService implements it; the Flex
 * webhook controllers call it after verifying the signature.
 */
export abstract class AgentPlatformEvents {
  /** An agent wrote to the player. */
  abstract agentMessage(event: AgentMessageEvent): Promise<void>;
  /** An agent joined: the player is told, the case goes IN_PROGRESS with the agent as assignee. */
  abstract agentJoined(event: { platformConversationId: string; agentName: string | null }): Promise<void>;
  /** The platform closed the chat: the player is told; the next DM starts over with the bot. */
  abstract platformClosed(event: { platformConversationId: string }): Promise<void>;
  /** Studio mode: the flow asks the bot to answer the player's message (POST /chatbot-to-discord). */
  abstract botTurn(event: { platformConversationId: string; platformMessageId: string; body: string }): Promise<void>;
}

/** A message to the player, in neutral terms; the Discord adapter renders it (embeds, buttons, files). */
export interface PlayerNotice {
  text: string;
  /** Article suggestions, rendered as a list of links with excerpts. */
  articles?: BotAnswer['articles'];
  /** The "Talk to a live agent" button, with its label in the player's language. */
  agentButtonLabel?: string;
  /** "Did this help?" buttons under article suggestions; the ids go back to the bot with the vote. */
  feedback?: { id: string; yesLabel: string; noLabel: string };
  files?: MediaFile[];
}

/** "Send to the player": their Discord DM. Errors: DomainError `discord_dm_closed` / `discord_unavailable`. */
export abstract class PlayerChannel {
  /** Opens (or reuses) the DM with a player and returns its channel id. */
  abstract openDm(userId: string): Promise<string>;
  abstract send(dmChannelId: string, notice: PlayerNotice): Promise<{ messageId: string }>;
}

/** The custom id of the "Talk to a live agent" button. */
export const AGENT_BUTTON_ID = 'help:agent';
/** Custom ids of the "did this help?" buttons: `helpfb/yes/<feedback id>`, `helpfb/no/<feedback id>`. */
export const FEEDBACK_BUTTON_PREFIX = 'helpfb';
