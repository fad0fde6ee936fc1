import { Injectable } from '@nestjs/common';
import { sniffMediaType, SNIFF_BYTES } from '../common/media-type';
import { AppConfig } from '../config/app-config';
import { MediaFile } from '../conversations/ports';
import { twilioCredentials } from './twilio-client';
import { TwilioApiError } from './twilio-errors';
import { BinaryResponse, RoutedRequestClient } from './twilio-http';

const MCS_BASE = 'https://mcs.us1.twilio.com/v1';

interface MediaResource {
  sid: string;
  filename: string | null;
  content_type: string;
  size: number;
  links: { content: string; content_direct_temporary?: string | null };
}

/**
 * Twilio's Media Content Service (not covered by twilio-node): files attached to conversation
 * messages. Discord's attachment URLs expire, so bytes are uploaded here, never URLs forwarded.
 */
@Injectable()
export class TwilioMediaService {
  constructor(
    private readonly http: RoutedRequestClient,
    private readonly config: AppConfig,
  ) {}

  /** Uploads the bytes; the returned ME... SID goes into a message's MediaSid. */
  async upload(chatServiceSid: string, file: MediaFile): Promise<string> {
    const response = await this.call('POST', `${MCS_BASE}/Services/${chatServiceSid}/Media`, 'uploading media', {
      headers: { 'Content-Type': file.contentType || 'application/octet-stream' },
      body: file.data,
    });
    return (JSON.parse(response.body.toString('utf8')) as MediaResource).sid;
  }

  /**
   * Fetches the media's description, then its bytes (from the temporary direct link when given),
   * streamed with a hard limit of DISCORD_ATTACHMENT_MAX_BYTES (the player's side has the same);
   * its type is sniffed from the bytes against the allow-list, whatever Twilio was told.
   */
  async download(chatServiceSid: string, mediaSid: string): Promise<MediaFile> {
    const described = await this.call('GET', `${MCS_BASE}/Services/${chatServiceSid}/Media/${mediaSid}`, `reading media ${mediaSid}`);
    const meta = JSON.parse(described.body.toString('utf8')) as MediaResource;
    const maxBytes = this.config.DISCORD_ATTACHMENT_MAX_BYTES;
    if (meta.size > maxBytes) throw new MediaRefused(`Media ${mediaSid} is ${meta.size} bytes, over DISCORD_ATTACHMENT_MAX_BYTES (${maxBytes})`);
    const direct = meta.links.content_direct_temporary;
    let content: BinaryResponse;
    try {
      content = direct
        ? await this.http.binary({ method: 'GET', uri: direct, maxBytes }) // pre-signed: no credentials
        : await this.call('GET', new URL(meta.links.content, MCS_BASE).toString(), `downloading media ${mediaSid}`, { maxBytes });
    } catch (error) {
      if (/maxContentLength/.test(String((error as Error).message))) throw new MediaRefused(`Media ${mediaSid} is over DISCORD_ATTACHMENT_MAX_BYTES (${maxBytes})`);
      throw error;
    }
    if (content.statusCode >= 300) throw TwilioApiError.fromResponse(content, `downloading media ${mediaSid}`);
    const filename = meta.filename || `${mediaSid}${extensionOf(meta.content_type)}`;
    const type = sniffMediaType(content.body.subarray(0, SNIFF_BYTES), filename, content.body.length < SNIFF_BYTES);
    if (!type) throw new MediaRefused(`Media ${mediaSid} ("${filename}") is not an image, short video or text file by its bytes`);
    return { filename, contentType: type.contentType, data: content.body };
  }

  private async call(
    method: 'GET' | 'POST',
    uri: string,
    operation: string,
    extra: { headers?: Record<string, string>; body?: Buffer; maxBytes?: number } = {},
  ): Promise<BinaryResponse> {
    const response = await this.http.binary({
      method,
      uri,
      headers: { Accept: 'application/json', ...extra.headers },
      body: extra.body,
      auth: twilioCredentials(this.config),
      maxBytes: extra.maxBytes,
    });
    if (response.statusCode >= 300) throw TwilioApiError.fromResponse(response, operation);
    return response;
  }
}

/** A file that must not reach the player: retrying cannot change that, so the job is not retried. */
export class MediaRefused extends Error {
  readonly retryable = false;
}

function extensionOf(contentType: string): string {
  const subtype = contentType.split('/')[1]?.split(/[;+]/)[0];
  return subtype && /^[a-z0-9.-]{1,10}$/i.test(subtype) ? `.${subtype === 'jpeg' ? 'jpg' : subtype}` : '';
}
