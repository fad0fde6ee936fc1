import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain-error';
import type { Locale } from '../../conversations/ports';
import { PrismaService } from '../../database/prisma.service';
import { toLocale } from '../locales';
import { ArticleStats, SuggestionStore, VoteResult } from './suggestion-store';

const RECENT_MS = 60 * 60 * 1000;

@Injectable()
export class PrismaSuggestionStore extends SuggestionStore {
  constructor(private readonly prisma: PrismaService) {
    super();
  }

  async record(id: string, locale: Locale, slugs: string[]): Promise<void> {
    await this.prisma.botSuggestion.create({ data: { id, locale, slugs }, select: { id: true } });
  }

  async vote(id: string, helpful: boolean, voterId: string): Promise<VoteResult> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.botSuggestion.findUnique({ where: { id }, select: { locale: true } }) : null;
    if (!found) throw DomainError.notFound(`Suggestion ${id}`);
    // One vote per suggestion: the conditional update makes a double click (or a redelivered interaction) a no-op.
    const now = new Date();
    const { count } = await this.prisma.botSuggestion.updateMany({ where: { id, helpful: null }, data: { helpful, voterId, votedAt: now } });
    const recentNo = await this.prisma.botSuggestion.count({ where: { voterId, helpful: false, votedAt: { gte: new Date(now.getTime() - RECENT_MS) } } });
    return { recorded: count === 1, locale: toLocale(found.locale), recentNo };
  }

  async stats(locale?: Locale): Promise<ArticleStats[]> {
    const rows = await this.prisma.$queryRaw<{ locale: string; slug: string; suggested: bigint; helpful: bigint; notHelpful: bigint }[]>`
      SELECT s."locale", slug, count(*) AS suggested,
             count(*) FILTER (WHERE s."helpful") AS helpful,
             count(*) FILTER (WHERE s."helpful" = false) AS "notHelpful"
      FROM "BotSuggestion" s, unnest(s."slugs") AS slug
      WHERE ${locale ?? null}::text IS NULL OR s."locale" = ${locale ?? null}
      GROUP BY s."locale", slug
      ORDER BY count(*) FILTER (WHERE s."helpful" = false) DESC, count(*) DESC, s."locale", slug`;
    return rows.map((r) => ({ locale: r.locale, slug: r.slug, suggested: Number(r.suggested), helpful: Number(r.helpful), notHelpful: Number(r.notHelpful) }));
  }
}
