import { Injectable } from '@nestjs/common';

/** What the start-up check found: null while the staff desk is usable (or not checked yet). */
@Injectable()
export class StaffDeskStatus {
  problem: string | null = null;
}
