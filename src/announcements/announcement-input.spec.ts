import { DomainError } from '../common/domain-error';
import { parsePostAt, roleIdOf, validateAnnouncement } from './announcement-input';
import { backoffMs } from './feed-poller';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('announcement input', () => {
  it('reads the /announce time: empty is now, relative, or absolute with a zone', () => {
    expect(parsePostAt('', NOW)).toBeUndefined();
    expect(parsePostAt('in 2h', NOW)).toEqual(new Date('2026-12-01T14:00:00Z'));
    expect(parsePostAt('30m', NOW)).toEqual(new Date('2026-12-01T12:30:00Z'));
    expect(parsePostAt('2026-12-24 18:00 UTC', NOW)).toEqual(new Date('2026-12-24T18:00:00Z'));
    expect(parsePostAt('2026-12-24T18:00+01:00', NOW)).toEqual(new Date('2026-12-24T17:00:00Z'));
    expect(parsePostAt('2026-12-24 18:00', NOW)).toBeNull(); // which zone? refused rather than guessed
    expect(parsePostAt('next tuesday', NOW)).toBeNull();
  });

  it('names every field a person must fix', () => {
    const error = (() => {
      try {
        validateAnnouncement({ title: ' ', body: 'x'.repeat(4001), imageUrl: 'ftp://x', mentionRoleId: 'staff', postAt: new Date('2026-11-30T00:00:00Z') }, NOW);
      } catch (e) {
        return e as DomainError;
      }
      return null;
    })();
    expect(error?.fields?.map((f) => f.field)).toEqual(['title', 'body', 'imageUrl', 'mentionRoleId', 'postAt']);
    expect(() => validateAnnouncement({ title: 'Ok', body: 'Fine', postAt: new Date(NOW.getTime() - 30_000) }, NOW)).not.toThrow();
  });

  it('reads a role as an id or a mention', () => {
    expect(roleIdOf('<@&123456789012345678>')).toBe('123456789012345678');
    expect(roleIdOf(' ')).toBeNull();
  });

  it('backs off a failing feed by doubling its interval, up to 6 h, honouring Retry-After', () => {
    const interval = 15 * 60_000;
    expect([1, 2, 3, 10].map((n) => backoffMs(interval, n, null) / 60_000)).toEqual([15, 30, 60, 360]);
    expect(backoffMs(interval, 1, 2 * 3_600_000)).toBe(2 * 3_600_000);
    expect(backoffMs(24 * 3_600_000, 3, null)).toBe(24 * 3_600_000);
  });
});
