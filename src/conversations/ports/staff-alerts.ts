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

/** A help chat still waiting for its first agent reply past the target. */
export interface WaitingChatAlert {
  conversationId: string;
  caseNumber: number | null;
  player: PlayerRef;
  /** 1 at the target, 2 at twice the target, … up to SLA_MAX_ALERTS. */
  alert: number;
  waitingMinutes: number;
  targetMinutes: number;
  /** The agent platform carrying the chat (for the alert's wording only). */
  platform: string | null;
}

/**
 * "Tell the staff": short notices where staff are (a Discord channel). Best effort: a failed
 * alert never stops the chat. `chatWaiting`/`chatClosed` matter while another platform (Flex)
 * carries the chat; `stillWaiting` is the first-response target's re-alert, on every platform.
 */
export abstract class StaffAlerts {
  /** A player waits for a person. */
  abstract chatWaiting(alert: StaffAlert): Promise<void>;
  /** The chat ended. */
  abstract chatClosed(alert: StaffAlert): Promise<void>;
  /** The chat still waits past the target (once per multiple of it); the core calls it once per alert. */
  abstract stillWaiting(alert: WaitingChatAlert): Promise<void>;
}
