import type { Announcement } from '../generated/prisma/client';

/** An announcement as the API shows it. */
export function announcementView(a: Announcement) {
  return {
    id: a.id,
    source: a.source,
    status: a.status,
    title: a.title,
    body: a.body,
    url: a.url,
    imageUrl: a.imageUrl,
    sourceName: a.sourceName,
    mentionRoleId: a.mentionRoleId,
    channelId: a.channelId,
    postAt: a.postAt,
    messageId: a.messageId,
    crossposted: a.crosspostDone,
    /** The Discord message shows the latest edit. */
    inSync: a.status !== 'POSTED' || a.syncedRevision >= a.revision,
    postedAt: a.postedAt,
    createdBy: a.createdBy,
    lastError: a.lastError,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export type AnnouncementView = ReturnType<typeof announcementView>;
