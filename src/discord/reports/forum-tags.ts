import { Injectable, Logger } from '@nestjs/common';
import { ChannelType, Client, PermissionFlagsBits, REST, Routes } from 'discord.js';
import type { APIChannel, APIGuildForumTag } from 'discord-api-types/v10';
import type { CaseStatus } from '../../generated/prisma/enums';

/** The forum tag of each status, by name (leads may rename nothing else; matching ignores case). */
export const TAG_NAMES: Record<CaseStatus, string> = { OPEN: 'Open', IN_PROGRESS: 'In progress', WAITING: 'Waiting', RESOLVED: 'Resolved', CLOSED: 'Closed' };

/**
 * The status tags of the report forums. At start-up (or the first post) the bot creates the
 * missing ones when it may manage the channel (PATCH /channels/{id} with available_tags), else it
 * maps those it finds by name and logs which are missing: posts then go without those tags.
 */
@Injectable()
export class ForumTags {
  private readonly logger = new Logger('Reports');
  private readonly tags = new Map<string, Map<CaseStatus, string>>();

  constructor(
    private readonly rest: REST,
    private readonly client: Client,
  ) {}

  async tagFor(forumId: string, status: CaseStatus): Promise<string | null> {
    if (!this.tags.has(forumId)) await this.prepare(forumId);
    return this.tags.get(forumId)?.get(status) ?? null;
  }

  async prepare(forumId: string): Promise<void> {
    let forum = (await this.rest.get(Routes.channel(forumId))) as APIChannel;
    if (forum.type !== ChannelType.GuildForum) {
      this.logger.warn(`Channel ${forumId} is not a forum channel (type ${forum.type}): reports go to the channel they were filed in`);
      this.tags.set(forumId, new Map());
      return;
    }
    const missing = (Object.keys(TAG_NAMES) as CaseStatus[]).filter((s) => !findTag(forum, s));
    if (missing.length > 0 && (await this.mayManage(forumId))) {
      const available = [...(forum.available_tags ?? []), ...missing.map((s) => ({ name: TAG_NAMES[s], moderated: true }))];
      forum = (await this.rest.patch(Routes.channel(forumId), { body: { available_tags: available }, reason: 'Status tags for community reports' })) as APIChannel;
      this.logger.log(`Created the forum tags ${missing.map((s) => TAG_NAMES[s]).join(', ')} in forum ${forumId}`);
    } else if (missing.length > 0) {
      this.logger.warn(`Forum ${forumId} lacks the tags ${missing.map((s) => TAG_NAMES[s]).join(', ')} and the bot may not manage it: create them, or give the bot Manage Channels there`);
    }
    const map = new Map<CaseStatus, string>();
    for (const status of Object.keys(TAG_NAMES) as CaseStatus[]) {
      const tag = findTag(forum, status);
      if (tag) map.set(status, tag.id);
    }
    this.tags.set(forumId, map);
  }

  private async mayManage(forumId: string): Promise<boolean> {
    const channel = await this.client.channels.fetch(forumId).catch(() => null);
    if (!channel || !('permissionsFor' in channel) || !this.client.user) return false;
    return channel.permissionsFor(this.client.user)?.has(PermissionFlagsBits.ManageChannels) ?? false;
  }
}

function findTag(forum: APIChannel, status: CaseStatus): APIGuildForumTag | undefined {
  const tags = 'available_tags' in forum ? (forum.available_tags ?? []) : [];
  return tags.find((tag) => tag.name.toLowerCase() === TAG_NAMES[status].toLowerCase());
}
