import type { Logger } from '@nestjs/common';
import { UnexpectedErrorLog } from './problem-log';

describe('UnexpectedErrorLog', () => {
  const lines: { meta: Record<string, unknown>; text: string }[] = [];
  const logger = { error: (meta: Record<string, unknown>, text: string) => lines.push({ meta, text }) } as unknown as Logger;
  let now = 0;
  const log = new UnexpectedErrorLog(() => now);
  const context = (errorId: string) => ({ errorId, reqId: 'r', method: 'POST', url: '/api/cases/1/notes?x=1' });
  const failure = () => new RangeError('Maximum call stack size exceeded');

  beforeEach(() => (lines.length = 0));

  it('logs the stack of a kind of error once, then one line per repeat, with its error id', () => {
    log.log(logger, failure(), context('e1'));
    log.log(logger, failure(), context('e2'));
    log.log(logger, failure(), context('e3'));
    expect(lines.map((l) => 'err' in l.meta)).toEqual([true, false, false]);
    expect(lines[2].text).toBe('Unexpected error e3 on POST /api/cases/1/notes: RangeError: Maximum call stack size exceeded');
    expect(lines[2].meta).toMatchObject({ errorId: 'e3', repeated: true });
    expect(lines.every((l) => !l.text.includes('\n'))).toBe(true);
  });

  it('logs the stack again after ten minutes, and for another kind of error at once', () => {
    log.log(logger, new TypeError('x is undefined'), context('e4'));
    now += 10 * 60_000;
    log.log(logger, failure(), context('e5'));
    expect(lines.map((l) => 'err' in l.meta)).toEqual([true, true]);
  });
});
