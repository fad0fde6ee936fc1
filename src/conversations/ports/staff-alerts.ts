import type { PlayerRef } from './player-channel';

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

/** "Tell staff a chat needs them": a staff channel ping, a page. The core calls it once per alert. */
export abstract class StaffAlerts {
  abstract chatWaiting(alert: WaitingChatAlert): Promise<void>;
}
