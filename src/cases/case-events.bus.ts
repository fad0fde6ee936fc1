import { Injectable, Logger } from '@nestjs/common';
import { CaseStatus } from '../generated/prisma/enums';
import { CaseView } from './case.view';

/**
 * Actor prefix of case changes the help chat makes as it goes (an agent joining moves the case to
 * IN_PROGRESS): the chat tells the player itself, so reporter notifications skip them.
 */
export const HELP_CHAT_ACTOR_PREFIX = 'chat:';

/** What other features (reporter notifications, the help chat) hear about cases. */
export type CaseChange =
  | { kind: 'status_changed'; case: CaseView; from: CaseStatus; to: CaseStatus; actor: string }
  | { kind: 'note_added'; case: CaseView; body: string; public: boolean; actor: string };

type Listener = (change: CaseChange) => Promise<void> | void;

/**
 * In-process publish/subscribe. Listeners run after the change is committed and never fail the
 * request that made it: their errors are logged here.
 */
@Injectable()
export class CaseEventsBus {
  private readonly logger = new Logger(CaseEventsBus.name);
  private readonly listeners: Listener[] = [];
  private readonly pending = new Set<Promise<void>>();

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  publish(change: CaseChange): void {
    for (const listener of this.listeners) {
      const run = Promise.resolve()
        .then(() => listener(change))
        .catch((error: unknown) => this.logger.error({ err: error }, `Case #${change.case.number} listener failed`))
        .finally(() => this.pending.delete(run));
      this.pending.add(run);
    }
  }

  /** Resolves when every listener started so far has finished (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
