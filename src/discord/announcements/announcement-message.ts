import type { APIEmbed, RESTPatchAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { AnnouncementPost } from '../../announcements/announcement-publisher';

/** The game's accent colour for announcement embeds. */
const COLOUR = 0x5865f2;

export function announcementEmbed(post: AnnouncementPost): APIEmbed {
  return {
    title: post.title,
    description: post.body || undefined,
    url: post.url ?? undefined,
    color: COLOUR,
    ...(post.imageUrl ? { image: { url: post.imageUrl } } : {}),
    ...(post.sourceName ? { footer: { text: post.sourceName } } : {}),
    ...(post.timestamp ? { timestamp: post.timestamp.toISOString() } : {}),
  };
}

/** The message body: the embed, and the role mention when asked for — the only ping it may make. */
export function announcementMessage(post: AnnouncementPost): RESTPatchAPIChannelMessageJSONBody {
  return {
    content: post.mentionRoleId ? `<@&${post.mentionRoleId}>` : '',
    embeds: [announcementEmbed(post)],
    allowed_mentions: { parse: [], roles: post.mentionRoleId ? [post.mentionRoleId] : [] },
  };
}
