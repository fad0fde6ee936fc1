import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface DeskEventView {
  id: string;
  kind: string;
  data: unknown;
  createdAt: Date;
}

interface Subscriber {
  send(event: DeskEventView): void;
  /** Called at shutdown, so open streams do not hold the server open. */
  end(): void;
}

const POLL_MS = 500;
const PRUNE_EVERY_MS = 3600_000;
const KEEP_MS = 24 * 3600_000;
/** Ids are handed out before commit, so a slower transaction can commit a smaller id later: look back this far. */
const LOOKBACK = 200;

/**
 * Reads the DeskEvent feed (written by triggers in the same transactions as the changes) and fans
 * it out to this replica's open streams. It polls only while someone listens; the feed table is
 * shared, so every replica sees every change, and Last-Event-ID replays from it.
 */
@Injectable()
export class DeskEventsFeed implements OnModuleDestroy {
  private readonly logger = new Logger(DeskEventsFeed.name);
  private readonly subscribers = new Set<Subscriber>();
  private readonly delivered = new Set<bigint>();
  private highest: bigint | null = null;
  private timer?: NodeJS.Timeout;
  private polling = false;
  private lastPrune = 0;

  constructor(private readonly prisma: PrismaService) {}

  /** Events after `afterId` (a client's Last-Event-ID), oldest first. */
  async since(afterId: bigint, limit = 500): Promise<DeskEventView[]> {
    const rows = await this.prisma.deskEvent.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: limit });
    return rows.map(toView);
  }

  async latestId(): Promise<bigint> {
    const row = await this.prisma.deskEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
    return row?.id ?? 0n;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    this.timer ??= setInterval(() => void this.poll(), POLL_MS);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      // Streams ignore what precedes their own start, so the first read may look back too.
      this.highest ??= await this.latestId();
      const floor = this.highest > BigInt(LOOKBACK) ? this.highest - BigInt(LOOKBACK) : 0n;
      const rows = await this.prisma.deskEvent.findMany({ where: { id: { gt: floor } }, orderBy: { id: 'asc' }, take: 1000 });
      for (const row of rows) {
        if (row.id <= floor || this.delivered.has(row.id)) continue;
        this.delivered.add(row.id);
        if (row.id > this.highest!) this.highest = row.id;
        const view = toView(row);
        for (const subscriber of this.subscribers) subscriber.send(view);
      }
      for (const id of this.delivered) if (id <= floor) this.delivered.delete(id);
      await this.pruneNowAndThen();
    } catch (error) {
      this.logger.warn({ err: error }, 'Reading the desk event feed failed; retrying');
    } finally {
      this.polling = false;
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.prisma.deskEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - KEEP_MS) } } });
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    for (const subscriber of [...this.subscribers]) subscriber.end();
    this.subscribers.clear();
  }
}

function toView(row: { id: bigint; kind: string; data: unknown; createdAt: Date }): DeskEventView {
  return { id: row.id.toString(), kind: row.kind, data: row.data, createdAt: row.createdAt };
}
