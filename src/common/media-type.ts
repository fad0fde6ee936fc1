/**
 * What a file is, decided from its bytes against an allow-list (images, short videos, plain text
 * and logs), never from the type or name the sender declared. The name's extension must agree with
 * the bytes, so HTML named "crash.png" is refused. A table of signatures: the maintained sniffing
 * library (file-type) is ESM-only and needs a newer Node than this service runs on.
 */
export type MediaKind = 'image' | 'video' | 'text';

export interface SniffedType {
  contentType: string;
  kind: MediaKind;
}

/** Bytes enough for every signature below and a fair look at a text file's start. */
export const SNIFF_BYTES = 4096;

const ascii = (data: Buffer, start: number, end: number) => data.subarray(start, end).toString('latin1');

const SIGNATURES: { test: (d: Buffer) => boolean; type: SniffedType }[] = [
  { test: (d) => d.length >= 8 && d.readUInt32BE(0) === 0x89504e47 && d.readUInt32BE(4) === 0x0d0a1a0a, type: { contentType: 'image/png', kind: 'image' } },
  { test: (d) => d.length >= 3 && d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff, type: { contentType: 'image/jpeg', kind: 'image' } },
  { test: (d) => d.length >= 6 && ['GIF87a', 'GIF89a'].includes(ascii(d, 0, 6)), type: { contentType: 'image/gif', kind: 'image' } },
  { test: (d) => d.length >= 12 && ascii(d, 0, 4) === 'RIFF' && ascii(d, 8, 12) === 'WEBP', type: { contentType: 'image/webp', kind: 'image' } },
  // ISO base media (MP4, MOV): a first box of type "ftyp" with a known brand.
  { test: (d) => d.length >= 12 && ascii(d, 4, 8) === 'ftyp' && /^(qt {2})$/.test(ascii(d, 8, 12)), type: { contentType: 'video/quicktime', kind: 'video' } },
  { test: (d) => d.length >= 12 && ascii(d, 4, 8) === 'ftyp' && /^(isom|iso[2-9]|mp41|mp42|avc1|dash|M4V |MSNV)$/.test(ascii(d, 8, 12)), type: { contentType: 'video/mp4', kind: 'video' } },
  // Matroska/WebM: the EBML magic, then the DocType "webm" within the header.
  { test: (d) => d.length >= 4 && d.readUInt32BE(0) === 0x1a45dfa3 && ascii(d, 4, 64).includes('webm'), type: { contentType: 'video/webm', kind: 'video' } },
];

const EXTENSIONS: Record<MediaKind, string[]> = {
  image: ['png', 'jpg', 'jpeg', 'gif', 'webp'],
  video: ['mp4', 'm4v', 'mov', 'webm'],
  text: ['txt', 'log', 'csv', 'json', 'md', 'ini', 'cfg', 'conf', 'yaml', 'yml', 'out'],
};

/** Markup a browser would render or run: never "plain text", whatever the name says. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|iframe|\?xml|meta|a\s|img|div|style|object|embed)/i;

/** Plain text: UTF-8 (the cut at SNIFF_BYTES may split one character), no control characters but tab, CR, LF, FF. */
function isPlainText(head: Buffer, complete: boolean): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const body = complete ? text : text.replace(/\uFFFD{1,3}$/, '');
  if (body.includes('\uFFFD')) return false;
  if (/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(body)) return false;
  return !MARKUP.test(body.replace(/^\uFEFF/, ''));
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
}

/**
 * The allowed type of a file from its first bytes (`head`, at most SNIFF_BYTES; `complete` when
 * that is the whole file), or null when it is not on the allow-list or its name claims otherwise.
 */
export function sniffMediaType(head: Buffer, filename: string, complete = head.length < SNIFF_BYTES): SniffedType | null {
  const extension = extensionOf(filename);
  const signed = SIGNATURES.find((signature) => signature.test(head))?.type;
  const type = signed ?? (head.length > 0 && isPlainText(head.subarray(0, SNIFF_BYTES), complete) ? { contentType: 'text/plain; charset=utf-8', kind: 'text' as const } : null);
  if (!type) return null;
  // No extension is fine for text (a pasted log); otherwise the name must say the same family.
  if (extension === '' ? type.kind !== 'text' : !EXTENSIONS[type.kind].includes(extension)) return null;
  return type;
}
