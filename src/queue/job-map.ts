/**
 * The job kinds and their payloads. Each feature adds its own kinds where it handles them:
 *
 *   declare module '../queue/job-map' { interface JobMap { 'help.relay': { conversationId: string } } }
 *
 * so enqueue() and register() check the payload's type, and no handler casts `unknown` back.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface JobMap {}

export type JobKind = keyof JobMap;

export interface JobContext {
  id: string;
  kind: string;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
}

export interface DeadJob<P = unknown> extends JobContext {
  payload: P;
  dedupeKey: string | null;
  lastError: string;
}

export type JobHandler<P> = (payload: P, job: JobContext) => Promise<void>;

/** What a kind does, and what happens when it is given up on (besides the log line and GET /api/queue/dead). */
export interface JobSpec<P> {
  run: JobHandler<P>;
  /** Jobs of this kind are timers, enqueued for a later time: drain() does not wait for those not due yet. */
  timer?: boolean;
  onDead?: (job: DeadJob<P>) => Promise<void> | void;
}

export type DeadLetterHook = (job: DeadJob) => Promise<void> | void;
