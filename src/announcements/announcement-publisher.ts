/**
 * The port announcements are published through (the Discord module provides it). It names no
 * platform: a channel and a message are opaque ids, the post is plain data.
 */
export interface AnnouncementPost {
  title: string;
  body: string;
  url: string | null;
  imageUrl: string | null;
  /** Shown as where the post comes from (a feed's name), or null for a manual announcement. */
  sourceName: string | null;
  mentionRoleId: string | null;
  /** The item's own date, for feeds. */
  timestamp: Date | null;
}

export type CrosspostOutcome = 'published' | 'already_published' | 'not_an_announcement_channel';

export abstract class AnnouncementPublisher {
  /**
   * Posts to a channel. `idempotencyKey` (≤ 25 characters) makes a retried send return the first
   * message instead of a second one.
   */
  abstract post(channelId: string, post: AnnouncementPost, idempotencyKey: string): Promise<{ messageId: string }>;

  /** Publishes a posted message to the servers following the channel, when the channel allows it. */
  abstract crosspost(channelId: string, messageId: string): Promise<CrosspostOutcome>;

  abstract edit(channelId: string, messageId: string, post: AnnouncementPost): Promise<void>;

  /** Deletes a posted message; a message already gone is not an error. */
  abstract remove(channelId: string, messageId: string): Promise<void>;

  /** Null when the channel can be posted to; else what is wrong ("unknown channel", "missing Send Messages"). */
  abstract checkChannel(channelId: string): Promise<string | null>;
}
