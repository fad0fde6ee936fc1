import { DateTime, IANAZone } from 'luxon';

/**
 * SUPPORT_HOURS, e.g. "Mon-Fri 09:00-18:00 Europe/Paris" or "Mon-Fri 09:00-18:00, Sat 10:00-14:00 UTC":
 * comma-separated windows (a day or a day range, then a time range), and the IANA time zone last.
 * Luxon does the time-zone arithmetic, daylight saving included.
 */
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WINDOW = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/i;

interface Window {
  /** Luxon weekdays: 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  startMinute: number;
  endMinute: number;
}

export class SupportHoursError extends Error {}

function dayOf(text: string, spec: string): number {
  const index = DAYS.indexOf(text.toLowerCase());
  if (index < 0) throw new SupportHoursError(`"${text}" in "${spec}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
  return index + 1;
}

function minuteOf(hours: string, minutes: string, spec: string, allowMidnightEnd: boolean): number {
  const h = Number(hours);
  const m = Number(minutes);
  if (m > 59 || h > 24 || (h === 24 && (m !== 0 || !allowMidnightEnd))) throw new SupportHoursError(`"${hours}:${minutes}" in "${spec}" is not a time of day`);
  return h * 60 + m;
}

function parseWindow(text: string): Window {
  const match = WINDOW.exec(text.trim());
  if (!match) throw new SupportHoursError(`"${text.trim()}" should look like "Mon-Fri 09:00-18:00"`);
  const [, from, to, sh, sm, eh, em] = match;
  const first = dayOf(from, text);
  const last = to ? dayOf(to, text) : first;
  const weekdays: number[] = [];
  for (let day = first; ; day = (day % 7) + 1) {
    weekdays.push(day);
    if (day === last) break;
  }
  const startMinute = minuteOf(sh, sm, text, false);
  const endMinute = minuteOf(eh, em, text, true);
  if (endMinute <= startMinute) throw new SupportHoursError(`"${text.trim()}" ends before it starts (write overnight hours as two windows)`);
  return { weekdays, startMinute, endMinute };
}

export class SupportHours {
  private constructor(
    readonly zone: string,
    private readonly windows: Window[],
  ) {}

  /** Throws SupportHoursError naming what is wrong. */
  static parse(spec: string): SupportHours {
    const trimmed = spec.trim();
    const cut = trimmed.lastIndexOf(' ');
    if (cut < 0) throw new SupportHoursError(`"${spec}" should end with a time zone, e.g. "Mon-Fri 09:00-18:00 Europe/Paris"`);
    const zone = trimmed.slice(cut + 1);
    if (!IANAZone.isValidZone(zone)) throw new SupportHoursError(`"${zone}" is not an IANA time zone (e.g. Europe/Paris, UTC)`);
    const windows = trimmed.slice(0, cut).split(',').map(parseWindow);
    return new SupportHours(zone, windows);
  }

  isOpen(at: Date): boolean {
    return this.nextOpening(at).getTime() === at.getTime();
  }

  /** `at` itself when support is open then, else the start of the next window. */
  nextOpening(at: Date): Date {
    const local = DateTime.fromJSDate(at, { zone: this.zone });
    const today = local.startOf('day');
    let best: DateTime | null = null;
    for (let offset = 0; offset <= 7 && !best; offset++) {
      const day = today.plus({ days: offset });
      for (const window of this.windows.filter((w) => w.weekdays.includes(day.weekday))) {
        const start = day.plus({ minutes: window.startMinute });
        const end = day.plus({ minutes: window.endMinute });
        if (start <= local && local < end) return at;
        if (start > local && (!best || start < best)) best = start;
      }
    }
    return best!.toJSDate();
  }
}
