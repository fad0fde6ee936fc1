import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RecordedFile {
  /** The multipart field, e.g. "files[0]". */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedBody {
  /** The JSON body, or multipart's payload_json parsed. */
  json: any;
  files: RecordedFile[];
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data the way discord.js sends files: payload_json + files[n]. */
export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    // undici's Response parses multipart; no multipart dependency needed for the fake
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: RecordedFile[] = [];
    let json: any;
    for (const [field, value] of form) {
      if (typeof value === 'string') {
        if (field === 'payload_json') json = JSON.parse(value);
      } else {
        files.push({ field, name: value.name, contentType: value.type || 'application/octet-stream', data: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { json, files };
  }
  const text = raw.toString('utf8');
  try {
    return { json: JSON.parse(text), files: [] };
  } catch {
    return { json: text, files: [] };
  }
}

export function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204 || body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  if (Buffer.isBuffer(body)) {
    response.writeHead(status, { 'content-length': String(body.length), ...headers }).end(body);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers }).end(text);
}

/** A Discord error body: `{ code, message }` (plus `errors` for form validation). */
export function discordError(code: number, message: string, errors?: unknown) {
  return errors === undefined ? { code, message } : { code, message, errors };
}

/** "/channels/{channel_id}/messages" → a matcher of decoded paths returning the path parameters. */
export function compileTemplate(template: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const regex = new RegExp(`^${pattern}$`);
  return (path) => {
    const match = regex.exec(path);
    if (!match) return null;
    return Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
  };
}
