import { CasePriority } from '../generated/prisma/enums';
import { formatBytes } from './i18n';
import { PlayerError } from './player-error';

/** /bug's severity choices, as the player sees them, mapped to the case priority. */
export const SEVERITY_PRIORITY = {
  low: CasePriority.LOW,
  normal: CasePriority.NORMAL,
  high: CasePriority.HIGH,
  urgent: CasePriority.URGENT,
} as const;
export type Severity = keyof typeof SEVERITY_PRIORITY;

/** Raster images only: an SVG (or anything else) could carry script when a lead opens it. */
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export interface ScreenshotRef {
  url: string;
  filename: string;
  size: number;
  contentType: string | null;
}

const EXTENSION_TYPES: Record<string, ImageType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

/** The declared type, or (Discord sometimes omits it) the one the file name suggests. */
function declaredType(screenshot: ScreenshotRef): string | null {
  const declared = screenshot.contentType?.split(';')[0].trim().toLowerCase();
  if (declared) return declared;
  const extension = screenshot.filename.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSION_TYPES[extension] ?? null;
}

/** A /bug screenshot's declared type and size, checked before the form is shown. */
export function validateScreenshot(screenshot: ScreenshotRef | null, maxScreenshotBytes: number): ScreenshotRef | null {
  if (!screenshot) return null;
  const type = declaredType(screenshot);
  if (!type || !(IMAGE_TYPES as readonly string[]).includes(type)) throw new PlayerError('screenshot_not_image', 'report.screenshotNotImage');
  if (screenshot.size > maxScreenshotBytes) {
    throw new PlayerError('screenshot_too_large', 'report.screenshotTooLarge', { size: formatBytes(screenshot.size), max: formatBytes(maxScreenshotBytes) }, 413);
  }
  return screenshot;
}

export function priorityOf(severity: string | null | undefined): CasePriority {
  return SEVERITY_PRIORITY[(severity ?? 'normal') as Severity] ?? CasePriority.NORMAL;
}

/** The image type the bytes really are (magic numbers), whatever the upload claimed. */
export function sniffImageType(data: Buffer): ImageType | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 6 && ['GIF87a', 'GIF89a'].includes(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.length >= 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}
