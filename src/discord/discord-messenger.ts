import type { APIActionRowComponent, APIEmbed, APIMessageActionRowComponent } from 'discord-api-types/v10';

/** A file sent to Discord as a real attachment (never a link: Discord and Twilio URLs expire). */
export interface OutgoingFile {
  name: string;
  data: Buffer;
  contentType?: string;
}

export interface DiscordContent {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIMessageActionRowComponent>[];
  files?: OutgoingFile[];
  /**
   * Sent as `nonce` with `enforce_nonce: true`: Discord returns the first message for a repeated
   * nonce (same author, within minutes) instead of posting a second one. At most 25 characters.
   */
  nonce?: string;
}

/**
 * The outbound port to Discord ("send to the player"). The Discord module provides it; the
 * routing core, notifications and tests depend only on this class.
 *
 * Errors are DomainErrors with codes:
 * - `discord_dm_closed` (Discord 50007 "cannot send messages to this user", 50278 "no mutual guild"):
 *   final, the player must open their DMs;
 * - `discord_unavailable`: the bot is off, or Discord failed (5xx, network); worth retrying later.
 */
export abstract class DiscordMessenger {
  /** Opens (or reuses) the DM channel with a user and returns its channel id. */
  abstract openDm(userId: string): Promise<string>;

  /** Sends to a user's DM (opening it when needed). */
  abstract sendDm(userId: string, content: DiscordContent): Promise<{ channelId: string; messageId: string }>;

  /** Sends to a known channel (a DM channel or a guild text channel). */
  abstract sendToChannel(channelId: string, content: DiscordContent): Promise<{ messageId: string }>;

  /** Replaces a message the bot sent (its text and embeds; files stay). */
  editMessage?(channelId: string, messageId: string, content: DiscordContent): Promise<void>;

  /** Deletes a message the bot sent; one already gone counts as deleted. */
  deleteMessage?(channelId: string, messageId: string): Promise<void>;
}
