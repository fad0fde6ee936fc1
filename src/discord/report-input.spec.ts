import { PlayerError } from './player-error';
import { sniffImageType, validateReport } from './report-input';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const base = { title: 'Crash on login', description: 'The game crashes right after login.' };

function refusal(input: Parameters<typeof validateReport>[0], max = 1024 * 1024): PlayerError {
  try {
    validateReport(input, max);
  } catch (error) {
    if (error instanceof PlayerError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('validateReport', () => {
  it('trims the texts and maps the severity to the case priority (normal by default)', () => {
    expect(validateReport({ title: '  Crash  ', description: `  ${base.description}  `, severity: 'urgent' }, 1024)).toEqual({
      title: 'Crash',
      description: base.description,
      priority: 'URGENT',
      screenshot: null,
    });
    expect(validateReport(base, 1024).priority).toBe('NORMAL');
  });

  it('counts characters, not UTF-16 units, for the length limits', () => {
    expect(validateReport({ ...base, title: '🐛🐛🐛' }, 1024).title).toBe('🐛🐛🐛');
    expect(refusal({ ...base, title: '🐛🐛' })).toMatchObject({ code: 'invalid_title', params: { length: 2, min: 3, max: 200 } });
    expect(refusal({ ...base, title: 'x'.repeat(201) })).toMatchObject({ code: 'invalid_title' });
    expect(refusal({ ...base, description: 'too short' })).toMatchObject({ code: 'invalid_description', params: { length: 9 } });
  });

  it('accepts raster screenshots by declared type or, without one, by extension', () => {
    const shot = { url: 'https://cdn/x', filename: 'a.PNG', size: 10, contentType: null };
    expect(validateReport({ ...base, screenshot: shot }, 1024).screenshot).toBe(shot);
    expect(validateReport({ ...base, screenshot: { ...shot, filename: 'a', contentType: 'image/webp' } }, 1024).screenshot).not.toBeNull();
  });

  it('refuses SVG, other files and screenshots over the limit', () => {
    const shot = { url: 'https://cdn/x', filename: 'a.svg', size: 10, contentType: 'image/svg+xml' };
    expect(refusal({ ...base, screenshot: shot })).toMatchObject({ code: 'screenshot_not_image' });
    expect(refusal({ ...base, screenshot: { ...shot, filename: 'notes', contentType: null } })).toMatchObject({ code: 'screenshot_not_image' });
    expect(refusal({ ...base, screenshot: { ...shot, filename: 'a.png', contentType: 'image/png', size: 3 * 1024 * 1024 } }, 2 * 1024 * 1024)).toMatchObject({
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
