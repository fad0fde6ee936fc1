import type { Locale } from '../../conversations/ports';

export interface VoteResult {
  /** False when this suggestion was already voted on (a second click changes nothing). */
  recorded: boolean;
  locale: Locale;
  /** The voter's "no" votes in the last hour, this one included. */
  recentNo: number;
}

export interface ArticleStats {
  locale: string;
  slug: string;
  suggested: number;
  helpful: number;
  notHelpful: number;
}

/** Where suggestions and the players' "did this help?" votes are kept. */
export abstract class SuggestionStore {
  /** Records the articles shown in one answer under `id`, the id the feedback buttons carry. */
  abstract record(id: string, locale: Locale, slugs: string[]): Promise<void>;
  abstract vote(id: string, helpful: boolean, voterId: string): Promise<VoteResult>;
  abstract stats(locale?: Locale): Promise<ArticleStats[]>;
}
