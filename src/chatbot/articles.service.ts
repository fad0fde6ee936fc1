import { Injectable, Optional } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { PrismaService } from '../database/prisma.service';
import type { Locale } from '../conversations/ports';
import { importArticleFiles, ImportResult } from './article-import';
import { ArticleFile } from './kb-files';
import { CreateArticleDto, UpdateArticleDto } from './articles.dto';
import type { IndexableArticle } from './retrieval/bm25f';
import { excerptOf } from './retrieval/excerpt';
import { KnowledgeIndex } from './retrieval/knowledge-index';

/** An article as the API returns it: the indexed fields plus its id and times. */
export interface ArticleView extends IndexableArticle {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleHit {
  slug: string;
  locale: string;
  title: string;
  excerpt: string;
  rank: number;
}

const VIEW = { id: true, slug: true, locale: true, title: true, body: true, tags: true, keywords: true, aliases: true, questions: true, createdAt: true, updatedAt: true } as const;

@Injectable()
export class ArticlesService {
  constructor(
    private readonly prisma: PrismaService,
    /** The bot's in-memory index, told of every change (absent in the benchmark's seeding). */
    @Optional() private readonly index?: KnowledgeIndex,
  ) {}

  list(locale?: Locale): Promise<ArticleView[]> {
    return this.prisma.article.findMany({ where: locale ? { locale } : {}, select: VIEW, orderBy: [{ locale: 'asc' }, { slug: 'asc' }] });
  }

  async get(id: string): Promise<ArticleView> {
    const article = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.article.findUnique({ where: { id }, select: VIEW }) : null;
    if (!article) throw DomainError.notFound(`Article ${id}`);
    return article;
  }

  async findBySlug(locale: string, slug: string): Promise<ArticleView> {
    const article = await this.prisma.article.findUnique({ where: { slug_locale: { slug, locale } }, select: VIEW });
    if (!article) throw DomainError.notFound(`Article ${locale}/${slug}`);
    return article;
  }

  async create(input: CreateArticleDto): Promise<ArticleView> {
    const exists = await this.prisma.article.findUnique({ where: { slug_locale: { slug: input.slug, locale: input.locale } }, select: { id: true } });
    if (exists) throw DomainError.conflict('article_exists', `An article ${input.locale}/${input.slug} already exists`);
    const created = await this.prisma.article.create({ data: { ...input, tags: input.tags ?? [], keywords: input.keywords ?? [], aliases: input.aliases ?? [], questions: input.questions ?? [] }, select: VIEW });
    this.index?.invalidate();
    return created;
  }

  async update(id: string, input: UpdateArticleDto): Promise<ArticleView> {
    await this.get(id);
    const updated = await this.prisma.article.update({ where: { id }, data: input, select: VIEW });
    this.index?.invalidate();
    return updated;
  }

  async remove(id: string): Promise<void> {
    await this.get(id);
    await this.prisma.article.delete({ where: { id } });
    this.index?.invalidate();
  }

  async count(): Promise<number> {
    return this.prisma.article.count();
  }

  /**
   * Search in one language with the bot's own retriever (BM25F over title, keywords, aliases, tags
   * and body; accent- and typo-tolerant), so staff see the ranking players get. Unlike the bot it
   * lists the best matches even when none would clear the "found nothing" decision.
   */
  async search(q: string, locale: Locale, limit = 3): Promise<ArticleHit[]> {
    if (!this.index) throw new Error('ArticlesService.search needs the knowledge index');
    const hits = (await this.index.retriever()).rank(locale, q, limit);
    return hits.map(({ article, score }) => ({ slug: article.slug, locale: article.locale, title: article.title, excerpt: excerptOf(article.body, q), rank: score }));
  }

  /** Loads kb/ files; articles edited through the API since their import are skipped (see article-import.ts). */
  async importArticles(files: ArticleFile[], onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
    const result = await importArticleFiles(this.prisma, files, onProgress);
    if (result.created + result.updated > 0) this.index?.invalidate();
    return result;
  }
}

