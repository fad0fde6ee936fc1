import { sniffMediaType, SNIFF_BYTES } from './media-type';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(20)]);
const mov = Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  '), Buffer.alloc(8)]);
const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]), Buffer.from('B\x82\x84webm')]);

describe('sniffMediaType', () => {
  it.each([
    [png, 'shot.png', 'image/png'],
    [png, 'SHOT.PNG', 'image/png'],
    [jpeg, 'photo.jpeg', 'image/jpeg'],
    [Buffer.from('GIF89a....'), 'a.gif', 'image/gif'],
    [Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 '), 'a.webp', 'image/webp'],
    [mp4, 'clip.mp4', 'video/mp4'],
    [mov, 'clip.mov', 'video/quicktime'],
    [webm, 'clip.webm', 'video/webm'],
    [Buffer.from('2026-12-01 ERROR crash in level 3\n\tat frame 1\r\n'), 'client.log', 'text/plain; charset=utf-8'],
    [Buffer.from('Déjà vu: ünïcödé 日本語 🎮\n'), 'notes.txt', 'text/plain; charset=utf-8'],
    [Buffer.from('no extension at all\n'), 'README', 'text/plain; charset=utf-8'],
  ])('accepts %#: %s as %s', (data, name, type) => {
    expect(sniffMediaType(data, name)?.contentType).toBe(type);
  });

  it.each([
    [Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'screenshot.png', 'HTML named .png'],
    [Buffer.from('  <html><body>hi</body></html>'), 'page.txt', 'HTML named .txt'],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'icon.svg', 'SVG'],
    [Buffer.from('plain words'), 'fake.png', 'text named .png'],
    [png, 'shot.exe', 'a PNG named .exe'],
    [png, 'shot', 'a PNG without an extension'],
    [Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), 'tool.txt', 'a Windows executable'],
    [Buffer.from('%PDF-1.7\n'), 'doc.pdf', 'a PDF'],
    [Buffer.from('PK\x03\x04'), 'logs.zip', 'a zip'],
    [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'run.log', 'an ELF binary'],
    [Buffer.from([0xc3, 0x28, 0x41]), 'bad.txt', 'invalid UTF-8'],
    [Buffer.alloc(0), 'empty.txt', 'an empty file'],
  ])('refuses %#: %s', (data, name) => {
    expect(sniffMediaType(data, name)).toBeNull();
  });

  it('does not refuse a text file whose first SNIFF_BYTES cut a character in two', () => {
    const text = Buffer.from('é'.repeat(SNIFF_BYTES));
    expect(sniffMediaType(text.subarray(0, SNIFF_BYTES - 1), 'long.log', false)?.kind).toBe('text');
  });
});
