import type { Locale } from './locale';
import type { PlayerRef } from './player-channel';

/** A help chat as staff are alerted about it. */
export interface StaffAlert {
  caseNumber: number;
  player: PlayerRef;
  locale: Locale;
  /** The agent platform that carries the chat (its name), where staff answer it. */
  platform: string;
}

/**
 * "Tell the staff": a short notice where staff are (a Discord channel) while another platform
 * (Flex) carries the chat. Best effort: a failed alert never stops the chat.
 */
export abstract class StaffAlerts {
  /** A player waits for a person. */
  abstract chatWaiting(alert: StaffAlert): Promise<void>;
  /** The chat ended. */
  abstract chatClosed(alert: StaffAlert): Promise<void>;
}

/** No alerts (no staff channel, or the staff desk is itself the agent platform). */
export class NoStaffAlerts extends StaffAlerts {
  async chatWaiting(): Promise<void> {}
  async chatClosed(): Promise<void> {}
}
