import { DomainError } from '../../common/domain-error';
import type { MediaFile } from './media';

/** A player as the player channel knows them; `channelId` is where messages to them go. */
export interface PlayerRef {
  id: string;
  displayName: string;
  channelId: string;
}

/** A message to the player, in neutral terms; the channel adapter renders it (embeds, buttons, files). */
export interface PlayerNotice {
  text: string;
  /** Who wrote it, when a person did (an agent): the channel shows the name with the text. */
  from?: string;
  /** Article suggestions, rendered as a list of links with excerpts. */
  articles?: { slug: string; title: string; excerpt: string; url: string }[];
  /** Offer the "talk to a live agent" action, with its label in the player's language. */
  agentButtonLabel?: string;
  /** "Did this help?" buttons under article suggestions; the id goes back to the bot with the vote. */
  feedback?: { id: string; yesLabel: string; noLabel: string };
  files?: MediaFile[];
  /** A satisfaction survey: the channel offers scores 1…`scale` and an optional comment, answered through the core's Satisfaction. */
  survey?: { id: string; scale: number };
}

/**
 * The player can no longer be written to (they closed their DMs, or share no server with the
 * bot). Final: retrying cannot help, so the queue does not retry it and HTTP answers 422.
 */
export class PlayerUnreachableError extends DomainError {
  readonly retryable = false;

  constructor(message = 'The player does not accept messages from the bot') {
    super('player_unreachable', 422, message);
    this.name = 'PlayerUnreachableError';
  }
}

/** "Send to the player". Other failures are errors worth retrying. */
export abstract class PlayerChannel {
  /** How case events name a player of this channel: `<name>:<player id>` (e.g. "discord:123"). */
  abstract readonly name: string;
  /** Opens (or reuses) the channel to a player and returns its id. Throws PlayerUnreachableError. */
  abstract open(playerId: string): Promise<string>;
  /**
   * Sends a notice. `idempotencyKey` identifies the stored message: sending the same key again
   * (a retry after a crash) must not make a second message where the channel can prevent it.
   */
  abstract send(channelId: string, notice: PlayerNotice, options?: { idempotencyKey?: string }): Promise<{ messageId: string }>;
  /** Replaces a sent message's text, where the channel can (an agent edited their reply). */
  edit?(channelId: string, messageId: string, notice: PlayerNotice): Promise<void>;
  /** Removes a sent message, where the channel can (an agent deleted their reply). */
  remove?(channelId: string, messageId: string): Promise<void>;
}
