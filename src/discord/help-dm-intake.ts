import { Injectable, Logger } from '@nestjs/common';
import type { Attachment, Message } from 'discord.js';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { sniffMediaType, SNIFF_BYTES } from '../common/media-type';
import { AppConfig } from '../config/app-config';
import type { MediaFile } from '../conversations/ports';
import { PrismaService } from '../database/prisma.service';
import { AttachmentDownloader, AttachmentTooLarge } from './attachment-downloader';
import { DiscordMessenger } from './discord-messenger';
import { formatBytes, MessageKey, MessageParams, t } from './i18n';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Refusal {
  key: MessageKey;
  params: MessageParams;
}

/**
 * What a player's help DM may bring in, before the routing core stores it: a flood of messages is
 * refused with one notice a minute; files are taken up to a count per message, a size each and a
 * daily quota per player, typed by their bytes (never by what Discord was told), and streamed with
 * a hard limit. Messages with files pass one at a time through the process, so the bytes held in
 * memory stay those of one message (ten players sending ten 8 MiB files at once do not add up);
 * each player's messages keep their order.
 */
@Injectable()
export class HelpDmIntake {
  private readonly logger = new Logger(HelpDmIntake.name);
  private readonly flood: RateLimiterMemory;
  private readonly lanes = new Map<string, Promise<void>>();
  private mediaGate: Promise<void> = Promise.resolve();

  constructor(
    private readonly prisma: PrismaService,
    private readonly downloader: AttachmentDownloader,
    private readonly messenger: DiscordMessenger,
    private readonly config: AppConfig,
  ) {
    this.flood = new RateLimiterMemory({ points: config.DISCORD_DM_PER_MINUTE, duration: 60 });
  }

  /** Calls `handle` with the accepted files, after telling the player about refused ones; not at all for a flooding player. */
  async receive(message: Message, handle: (media: MediaFile[]) => Promise<unknown>): Promise<void> {
    if (!(await this.allowed(message))) return;
    const attachments = [...message.attachments.values()];
    await this.inLane(message.author.id, async () => {
      if (attachments.length === 0) {
        await handle([]);
        return;
      }
      await this.oneAtATime(async () => {
        const { files, refusals } = await this.take(message.author.id, attachments);
        if (refusals.length > 0) {
          const locale = await this.localeOf(message.author.id);
          await this.tell(message.channelId, refusals.map((r) => t(locale, r.key, r.params)).join('\n'));
        }
        if (files.length > 0 || message.content.trim()) await handle(files);
      });
    });
  }

  private async allowed(message: Message): Promise<boolean> {
    try {
      await this.flood.consume(message.author.id);
      return true;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      // The first refused message of a window gets the notice; the rest are dropped quietly.
      if (error.consumedPoints === this.config.DISCORD_DM_PER_MINUTE + 1) {
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        await this.tell(message.channelId, t(await this.localeOf(message.author.id), 'dm.tooFast', { seconds }));
      }
      this.logger.warn(`Dropped a help DM from ${message.author.id}: over ${this.config.DISCORD_DM_PER_MINUTE} a minute`);
      return false;
    }
  }

  private async take(userId: string, attachments: Attachment[]): Promise<{ files: MediaFile[]; refusals: Refusal[] }> {
    const { DISCORD_ATTACHMENT_MAX_BYTES: maxBytes, DISCORD_ATTACHMENT_MAX_FILES: maxFiles, DISCORD_ATTACHMENT_DAILY_BYTES: quota } = this.config;
    const files: MediaFile[] = [];
    const refusals: Refusal[] = [];
    let used = await this.usedToday(userId);
    for (const [index, attachment] of attachments.entries()) {
      const name = attachment.name.replace(/[`\n\r]/g, '').slice(0, 100) || 'file';
      const refuse = (key: MessageKey, params: MessageParams = {}) => refusals.push({ key, params: { name, ...params } });
      if (index >= maxFiles) refuse('dm.fileTooMany', { max: maxFiles });
      else if (attachment.size > maxBytes) refuse('dm.fileTooLarge', { max: formatBytes(maxBytes) });
      else if (used + attachment.size > quota) refuse('dm.fileQuota', { max: formatBytes(quota) });
      else {
        const limit = Math.min(maxBytes, quota - used);
        let data: Buffer;
        try {
          data = await this.downloader.download(attachment.url, limit);
        } catch (error) {
          if (!(error instanceof AttachmentTooLarge)) refuse('dm.fileFailed');
          else if (limit < maxBytes) refuse('dm.fileQuota', { max: formatBytes(quota) });
          else refuse('dm.fileTooLarge', { max: formatBytes(maxBytes) });
          continue;
        }
        const type = sniffMediaType(data.subarray(0, SNIFF_BYTES), attachment.name, data.length < SNIFF_BYTES);
        if (!type) {
          refuse('dm.fileType');
          continue;
        }
        used += data.length;
        files.push({ filename: attachment.name, contentType: type.contentType, data });
      }
    }
    return { files, refusals };
  }

  /** Bytes the player's help-DM files took in the last 24 hours, as stored. */
  private async usedToday(userId: string): Promise<number> {
    const since = new Date(Date.now() - DAY_MS);
    const { _sum } = await this.prisma.messageMedia.aggregate({
      _sum: { size: true },
      where: { createdAt: { gte: since }, message: { conversation: { playerId: userId } } },
    });
    return _sum?.size ?? 0;
  }

  private async localeOf(userId: string): Promise<string> {
    const open = await this.prisma.conversation.findFirst({ where: { playerId: userId, mode: { not: 'CLOSED' } }, select: { locale: true } });
    return open?.locale ?? 'en';
  }

  private async tell(channelId: string, text: string): Promise<void> {
    await this.messenger.sendToChannel(channelId, { content: text.slice(0, 2000) }).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'Could not tell a player why their message or files were refused');
    });
  }

  /** Runs `work` after the player's previous message is handled, so their messages keep their order. */
  private inLane(userId: string, work: () => Promise<void>): Promise<void> {
    const run = (this.lanes.get(userId) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    this.lanes.set(userId, settled);
    void settled.then(() => {
      if (this.lanes.get(userId) === settled) this.lanes.delete(userId);
    });
    return run;
  }

  /** One message with files at a time in this process: what bounds the memory files take. */
  private oneAtATime(work: () => Promise<void>): Promise<void> {
    const run = this.mediaGate.then(work);
    this.mediaGate = run.catch(() => undefined);
    return run;
  }
}
