import { AttachmentTooLarge, readBounded } from './attachment-downloader';

async function* chunksOf(...parts: string[]) {
  for (const part of parts) yield new Uint8Array(Buffer.from(part));
}

describe('readBounded', () => {
  it('reads a body into one buffer of the declared length', async () => {
    expect((await readBounded(chunksOf('abc', 'def'), 10, 6)).toString()).toBe('abcdef');
  });

  it('copes with a missing or wrong Content-Length', async () => {
    expect((await readBounded(chunksOf('abc', 'def'), 10, null)).toString()).toBe('abcdef');
    expect((await readBounded(chunksOf('abc', 'def'), 10, 4)).toString()).toBe('abcdef');
    expect((await readBounded(chunksOf('ab'), 10, 6)).toString()).toBe('ab');
  });

  it('stops at the first chunk past the limit, whatever was declared', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield new Uint8Array(1024);
      }
    }
    await expect(readBounded(endless(), 4096, 100)).rejects.toBeInstanceOf(AttachmentTooLarge);
    expect(pulled).toBe(5);
  });
});
