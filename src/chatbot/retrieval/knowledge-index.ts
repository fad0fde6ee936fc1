import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PrismaService } from '../../database/prisma.service';
import { Retriever } from './retriever';

/** Gives the bot a retriever over the current knowledge base. */
export abstract class RetrieverSource {
  abstract retriever(): Promise<Retriever>;
}

/** How often a replica checks whether another one changed the articles. */
const REFRESH_MS = 10_000;

/**
 * The in-process BM25F index over every article, built from Postgres at first use and rebuilt when
 * articles change: at once on this replica (ArticlesService calls invalidate), within REFRESH_MS
 * on the others (a cheap count + max(updatedAt) check). Measured faster and better ranked than
 * the Postgres ts_rank over OR-ed words it replaced (bench/kb-search.ts, eval/bot).
 */
@Injectable()
export class KnowledgeIndex extends RetrieverSource implements OnApplicationBootstrap {
  private readonly logger = new Logger(KnowledgeIndex.name);
  private current: Retriever | null = null;
  private loading: Promise<Retriever> | null = null;
  private loadingGeneration = -1;
  private signature = '';
  private checkedAt = 0;
  private generation = 0;
  private builtGeneration = -1;

  constructor(private readonly prisma: PrismaService) {
    super();
  }

  /** Builds the index at boot, so the first player does not wait for it. */
  /** Awaited, so "ready" means the bot can answer: the start-up banner comes after the index. */
  async onApplicationBootstrap(): Promise<void> {
    await this.retriever().catch((error: unknown) => this.logger.warn({ err: error }, 'Building the knowledge-base index at boot failed; the first answer retries'));
  }

  async retriever(): Promise<Retriever> {
    if (!this.current || this.builtGeneration !== this.generation) return this.reload();
    if (Date.now() - this.checkedAt > REFRESH_MS) {
      this.checkedAt = Date.now();
      void this.refreshIfChanged().catch((error: unknown) => this.logger.warn({ err: error }, 'Checking the knowledge base for changes failed'));
    }
    return this.current;
  }

  /** Articles changed on this replica: the next answer uses a fresh index. */
  invalidate(): void {
    this.generation++;
  }

  private reload(): Promise<Retriever> {
    // A load started before the latest change would be stale: start another.
    if (!this.loading || this.loadingGeneration !== this.generation) {
      this.loadingGeneration = this.generation;
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  private async load(): Promise<Retriever> {
    const generation = this.generation;
    const started = Date.now();
    const signature = await this.readSignature();
    const articles = await this.prisma.article.findMany({ select: { slug: true, locale: true, title: true, body: true, tags: true, keywords: true, aliases: true, questions: true } });
    this.current = await Retriever.buildInTurns(articles);
    this.signature = signature;
    this.checkedAt = Date.now();
    this.builtGeneration = generation;
    this.logger.log(`Indexed ${articles.length} articles in ${Date.now() - started} ms`);
    return this.current;
  }

  private async refreshIfChanged(): Promise<void> {
    if ((await this.readSignature()) !== this.signature) this.invalidate();
  }

  private async readSignature(): Promise<string> {
    const [row] = await this.prisma.$queryRaw<{ n: bigint; at: Date | null }[]>`SELECT count(*) AS n, max("updatedAt") AS at FROM "Article"`;
    return `${row.n}:${row.at?.toISOString() ?? ''}`;
  }
}
