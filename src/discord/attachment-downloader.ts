import { Injectable, Logger } from '@nestjs/common';
import { formatBytes } from './i18n';
import { PlayerError } from './player-error';

const DOWNLOAD_TIMEOUT_MS = 15_000;

/** A file over the byte limit: refused before or while downloading, never read whole. */
export class AttachmentTooLarge extends PlayerError {
  constructor(maxBytes: number) {
    super('attachment_too_large', 'report.screenshotTooLarge', { size: `> ${formatBytes(maxBytes)}`, max: formatBytes(maxBytes) }, 413);
  }
}

/**
 * Fetches an attachment's bytes from Discord's CDN right away: its URLs are signed and expire,
 * so only the bytes are worth keeping. The body is streamed with a hard limit: the download stops
 * at the first byte past it, and a declared length fills one buffer instead of a list of chunks.
 */
@Injectable()
export class AttachmentDownloader {
  private readonly logger = new Logger(AttachmentDownloader.name);

  async download(url: string, maxBytes: number): Promise<Buffer> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), DOWNLOAD_TIMEOUT_MS);
    try {
      const response = await fetch(url, { signal: abort.signal, redirect: 'follow' });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) throw new AttachmentTooLarge(maxBytes);
      return await readBounded(response.body as unknown as AsyncIterable<Uint8Array>, maxBytes, Number.isInteger(declared) ? declared : null);
    } catch (error) {
      if (error instanceof AttachmentTooLarge) throw error;
      this.logger.warn({ err: error, url: url.split('?')[0] }, 'Attachment download failed');
      throw new PlayerError('attachment_download_failed', 'report.screenshotDownloadFailed', {}, 502);
    } finally {
      clearTimeout(timer);
      abort.abort(); // frees the connection when the limit stopped the read early
    }
  }
}

/** Reads a body up to maxBytes; Content-Length may be missing or wrong, so bytes are counted as they come. */
export async function readBounded(body: AsyncIterable<Uint8Array>, maxBytes: number, declared: number | null): Promise<Buffer> {
  const whole = declared !== null ? Buffer.allocUnsafe(declared) : null;
  const chunks: Buffer[] = [];
  let size = 0;
  let filled = 0; // bytes in `whole`; once a chunk does not fit, the rest goes to `chunks`
  for await (const chunk of body) {
    if (size + chunk.length > maxBytes) throw new AttachmentTooLarge(maxBytes);
    if (whole && chunks.length === 0 && filled + chunk.length <= whole.length) {
      whole.set(chunk, filled);
      filled += chunk.length;
    } else {
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    size += chunk.length;
  }
  if (whole && chunks.length === 0 && filled === whole.length) return whole;
  // The declared length was wrong: gather what came (never more than maxBytes).
  return Buffer.concat(whole ? [whole.subarray(0, filled), ...chunks] : chunks, size);
}
