import { PlayerError } from './player-error';
import { priorityOf, sniffImageType, validateScreenshot } from './report-input';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
function refusal(screenshot: Parameters<typeof validateScreenshot>[0], max = 1024 * 1024): PlayerError {
  try {
    validateScreenshot(screenshot, max);
  } catch (error) {
    if (error instanceof PlayerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('validateScreenshot and priorityOf', () => {
  it('maps the severity to the case priority (normal by default)', () => {
    expect(priorityOf('urgent')).toBe('URGENT');
    expect(priorityOf(null)).toBe('NORMAL');
    expect(priorityOf('nonsense')).toBe('NORMAL');
  });

  it('accepts raster screenshots by declared type or, without one, by extension', () => {
    const shot = { url: 'https://cdn/x', filename: 'a.PNG', size: 10, contentType: null };
    expect(validateScreenshot(shot, 1024)).toBe(shot);
    expect(validateScreenshot({ ...shot, filename: 'a', contentType: 'image/webp' }, 1024)).not.toBeNull();
    expect(validateScreenshot(null, 1024)).toBeNull();
  });

  it('refuses SVG, other files and screenshots over the limit', () => {
    const shot = { url: 'https://cdn/x', filename: 'a.svg', size: 10, contentType: 'image/svg+xml' };
    expect(refusal(shot)).toMatchObject({ code: 'screenshot_not_image' });
    expect(refusal({ ...shot, filename: 'notes', contentType: null })).toMatchObject({ code: 'screenshot_not_image' });
    expect(refusal({ ...shot, filename: 'a.png', contentType: 'image/png', size: 3 * 1024 * 1024 }, 2 * 1024 * 1024)).toMatchObject({
      code: 'screenshot_too_large',
      status: 413,
      params: { size: '3 MB', max: '2 MB' },
    });
  });
});

describe('sniffImageType', () => {
  it('recognises images by their first bytes only', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a......'))).toBe('image/gif');
    expect(sniffImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]))).toBe('image/webp');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});
