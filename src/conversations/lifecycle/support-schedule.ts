import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { AppConfig } from '../../config/app-config';
import type { Locale } from '../ports';
import { SupportHours } from './support-hours';

/** SUPPORT_HOURS as the lifecycle uses it; without it support is always open. */
@Injectable()
export class SupportSchedule {
  private readonly hours: SupportHours | null;

  constructor(config: AppConfig) {
    this.hours = config.SUPPORT_HOURS ? SupportHours.parse(config.SUPPORT_HOURS) : null;
  }

  /** When the first-response clock of a request made at `at` starts: then, or at the next opening. */
  slaStart(at: Date): Date {
    return this.hours ? this.hours.nextOpening(at) : at;
  }

  /** "Monday, December 7, 2026 at 9:00 AM GMT+1" in the player's language and the support team's zone. */
  describe(at: Date, locale: Locale): string {
    const zone = this.hours?.zone ?? 'UTC';
    return DateTime.fromJSDate(at, { zone }).setLocale(locale).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  }
}
