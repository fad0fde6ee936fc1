import { SupportHours, SupportHoursError } from './support-hours';

describe('SupportHours', () => {
  const paris = SupportHours.parse('Mon-Fri 09:00-18:00 Europe/Paris');

  it('is open inside the window, in the given time zone', () => {
    // 2026-12-01 is a Tuesday; Paris is UTC+1 in December.
    expect(paris.isOpen(new Date('2026-12-01T08:30:00Z'))).toBe(true);
    expect(paris.isOpen(new Date('2026-12-01T07:30:00Z'))).toBe(false);
    expect(paris.isOpen(new Date('2026-12-01T17:00:00Z'))).toBe(false);
  });

  it('gives the next opening: later that day, the next day, or Monday after a weekend', () => {
    expect(paris.nextOpening(new Date('2026-12-01T06:00:00Z')).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(paris.nextOpening(new Date('2026-12-01T18:00:00Z')).toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(paris.nextOpening(new Date('2026-12-05T12:00:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z'); // Saturday
  });

  it('follows daylight saving time (Paris is UTC+2 in summer)', () => {
    expect(paris.nextOpening(new Date('2026-07-04T12:00:00Z')).toISOString()).toBe('2026-07-06T07:00:00.000Z');
  });

  it('takes several windows, wrapping day ranges and a 24:00 end', () => {
    const hours = SupportHours.parse('Sat-Sun 10:00-14:00, Wed 20:00-24:00 UTC');
    expect(hours.isOpen(new Date('2026-12-06T13:59:00Z'))).toBe(true); // Sunday
    expect(hours.nextOpening(new Date('2026-12-07T09:00:00Z')).toISOString()).toBe('2026-12-09T20:00:00.000Z');
    expect(hours.isOpen(new Date('2026-12-09T23:59:00Z'))).toBe(true);
  });

  it.each([
    ['Mon-Fri 09:00-18:00', 'is not an IANA time zone'],
    ['Mon-Fri 09:00-18:00 Mars/Olympus', 'is not an IANA time zone'],
    ['Mon-Fry 09:00-18:00 UTC', 'is not a day'],
    ['Mon-Fri 18:00-09:00 UTC', 'ends before it starts'],
    ['Mon-Fri 9-18 UTC', 'should look like'],
    ['Mon 09:61-10:00 UTC', 'is not a time of day'],
  ])('rejects "%s"', (spec, message) => {
    expect(() => SupportHours.parse(spec)).toThrow(SupportHoursError);
    expect(() => SupportHours.parse(spec)).toThrow(message);
  });
});
