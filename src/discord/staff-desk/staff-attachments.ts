import type { Message } from 'discord.js';
import type { MediaFile } from '../../conversations/ports';
import { SNIFF_BYTES, sniffMediaType } from '../../common/media-type';
import { AttachmentDownloader } from '../attachment-downloader';

/**
 * A staff member's files, fetched now (Discord's CDN URLs expire) within the per-file cap, to be
 * re-uploaded to the player's DM. A file that cannot be fetched, or is not of an allowed type, is
 * left out; the text still goes.
 */
export async function staffAttachments(message: Message, downloader: AttachmentDownloader, maxBytes: number): Promise<MediaFile[]> {
  const files: MediaFile[] = [];
  for (const attachment of message.attachments.values()) {
    if (attachment.size > maxBytes) continue;
    const data = await downloader.download(attachment.url, maxBytes).catch(() => null);
    if (!data) continue;
    // The same allow-list as players' files (images, short videos, text), decided by the bytes.
    const type = sniffMediaType(data.subarray(0, SNIFF_BYTES), attachment.name, data.length < SNIFF_BYTES);
    if (type) files.push({ filename: attachment.name, contentType: type.contentType, data });
  }
  return files;
}
