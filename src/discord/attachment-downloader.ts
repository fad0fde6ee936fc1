import { Injectable, Logger } from '@nestjs/common';
import { PlayerError } from './player-error';

const DOWNLOAD_TIMEOUT_MS = 15_000;

/**
 * Fetches an attachment's bytes from Discord's CDN right away: its URLs are signed and expire,
 * so only the bytes are worth keeping.
 */
@Injectable()
export class AttachmentDownloader {
  private readonly logger = new Logger(AttachmentDownloader.name);

  async download(url: string, maxBytes: number): Promise<Buffer> {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? 0);
      if (declared > maxBytes) throw new Error(`${declared} bytes is over the ${maxBytes} byte limit`);
      const chunks: Buffer[] = [];
      let size = 0;
      // Counted while reading: Content-Length may be missing or wrong.
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) throw new Error(`more than the ${maxBytes} byte limit`);
        chunks.push(Buffer.from(chunk));
      }
      return Buffer.concat(chunks);
    } catch (error) {
      this.logger.warn({ err: error, url: url.split('?')[0] }, 'Attachment download failed');
      throw new PlayerError('attachment_download_failed', 'report.screenshotDownloadFailed', {}, 502);
    }
  }
}
