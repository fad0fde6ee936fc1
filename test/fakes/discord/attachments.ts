import { randomBytes } from 'node:crypto';
import type { APIAttachment } from 'discord-api-types/v10';
import type { RouteResult } from './rest-routes';
import { snowflake } from './snowflake';

/** The fake's CDN: bytes served under /attachments/…, as Discord serves message attachments. */
export class FakeCdn {
  private readonly files = new Map<string, { data: Buffer; contentType: string }>();

  /** Stores the bytes and returns the attachment object Discord would send. */
  add(origin: string, input: { filename: string; contentType?: string; data: Buffer; channelId?: string }): APIAttachment {
    const id = snowflake();
    const path = `/attachments/${input.channelId ?? '0'}/${id}/${encodeURIComponent(input.filename)}`;
    const contentType = input.contentType ?? 'application/octet-stream';
    this.files.set(path, { data: input.data, contentType });
    // Discord's CDN links are signed and expire (ex/is/hm): the app must download, not keep the URL.
    const expires = Math.floor(Date.now() / 1000 + 86_400).toString(16);
    const url = `${origin}${path}?ex=${expires}&is=${expires}&hm=${randomBytes(8).toString('hex')}&`;
    return { id, filename: input.filename, size: input.data.length, url, proxy_url: url, content_type: contentType } as APIAttachment;
  }

  serve(path: string): RouteResult {
    const file = this.files.get(path);
    return file ? { status: 200, body: file.data, headers: { 'content-type': file.contentType } } : { status: 404, body: Buffer.from('Not Found') };
  }
}
