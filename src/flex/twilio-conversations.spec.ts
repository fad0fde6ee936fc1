import { splitBody } from './twilio-conversations';

describe('splitBody', () => {
  it('keeps a body within the limit whole, even an empty one', () => {
    expect(splitBody('hello', 10)).toEqual(['hello']);
    expect(splitBody('', 10)).toEqual(['']);
  });

  it('cuts long bodies at a line break where one is close, else at the limit', () => {
    expect(splitBody('aaaaaaa\nbbbbbbb', 10)).toEqual(['aaaaaaa', 'bbbbbbb']);
    expect(splitBody('a'.repeat(25), 10)).toEqual(['a'.repeat(10), 'a'.repeat(10), 'a'.repeat(5)]);
    for (const chunk of splitBody(`${'x'.repeat(3000)}\n${'y'.repeat(100)}`)) expect(chunk.length).toBeLessThanOrEqual(1600);
  });
});
