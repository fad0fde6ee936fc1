import type { CaseView } from '../case.view';

/**
 * Where community reports are shown and discussed (the Discord module provides it: a forum post per
 * report, or the report's embed in the channel it was filed from). It names no platform: channels,
 * threads and messages are opaque ids.
 */
export interface BoardRef {
  channelId: string;
  /** The post's thread when the report is a forum post; null for a plain channel message. */
  threadId: string | null;
  messageId: string;
}

export abstract class ReportBoard {
  /** Makes the report's post (with its status tag and vote button). */
  abstract publish(view: CaseView): Promise<BoardRef>;

  /** A post made by an earlier try whose answer was lost (a crash between the call and recording it). */
  abstract find(view: CaseView): Promise<BoardRef | null>;

  /** Makes the post show the case as it is now: status tag, vote count, merged link, locked when closed. */
  abstract refresh(ref: BoardRef, view: CaseView): Promise<void>;

  /** A short line in the post's discussion (status changes, merges); `idempotencyKey` ≤ 25 characters. */
  abstract say(ref: BoardRef, view: CaseView, line: BoardLine, idempotencyKey: string): Promise<void>;

  /** Tells a voter (or a merged duplicate's reporter) that the case was resolved. */
  abstract tellResolved(userId: string, locale: string, view: CaseView, idempotencyKey: string): Promise<void>;
}

export type BoardLine = { kind: 'status'; status: CaseView['status'] } | { kind: 'merged'; into: number; intoThreadId?: string | null } | { kind: 'merged_here'; from: number };
