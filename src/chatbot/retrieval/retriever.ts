import type { Locale } from '../../conversations/ports';
import { LOCALES } from '../locales';
import { detectLanguage } from '../text/language';
import { Analyzer } from './analyzer';
import { IndexableArticle, LocaleIndex } from './bm25f';

/**
 * When the best article is good enough to show. Calibrated on the development half of eval/bot
 * (`npm run bot:eval -- --calibrate`): below either bound the bot says it found nothing and offers
 * a person instead of showing unrelated articles.
 */
export interface Thresholds {
  /** BM25F score of the best article. */
  minScore: number;
  /** Share of the question's informative words the best article matches. */
  minCoverage: number;
  /** The same share, counting only words of its title, keywords, aliases and tags. */
  minTopical: number;
  /** Weight (× the rarest word's idf) of a question word the knowledge base does not know at all. */
  unknownWeight: number;
  /** Other articles are shown only when they score at least this share of the best one. */
  relative: number;
}

/** How much of the question another language's best article must be about to answer in that language. */
const SWITCH_TOPICAL = 0.2;

export const DEFAULT_THRESHOLDS: Thresholds = { minScore: 6, minCoverage: 0.4, minTopical: 0.1, unknownWeight: 0.5, relative: 0.4 };

export interface RetrievedArticle {
  article: IndexableArticle;
  score: number;
  coverage: number;
  topical: number;
}

export interface Retrieval {
  /** The language searched and answered in. */
  locale: Locale;
  hits: RetrievedArticle[];
  /** Whether the best hit clears the thresholds. */
  confident: boolean;
}

/** Searches the player's language, or the language their words are in when it differs. */
export class Retriever {
  constructor(
    private readonly indexes: ReadonlyMap<Locale, LocaleIndex>,
    readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {}

  static build(articles: IndexableArticle[], thresholds?: Thresholds): Retriever {
    const analyzer = new Analyzer();
    const indexes = new Map<Locale, LocaleIndex>();
    for (const locale of LOCALES) indexes.set(locale, new LocaleIndex(locale, articles.filter((a) => a.locale === locale), analyzer));
    return new Retriever(indexes, thresholds);
  }

  /**
   * The same, yielding to the event loop between chunks of articles: a service rebuilding its index
   * (10,000 articles take seconds) keeps answering Discord's interactions meanwhile.
   */
  static async buildInTurns(articles: IndexableArticle[], thresholds?: Thresholds, chunk = 100): Promise<Retriever> {
    const analyzer = new Analyzer();
    const indexes = new Map<Locale, LocaleIndex>();
    for (const locale of LOCALES) {
      const own = articles.filter((a) => a.locale === locale);
      const perField: string[][][] = [];
      for (let start = 0; start < own.length; start += chunk) {
        perField.push(...LocaleIndex.analyze(locale, own.slice(start, start + chunk), analyzer));
        await new Promise((resolve) => setImmediate(resolve));
      }
      indexes.set(locale, new LocaleIndex(locale, own, analyzer, perField));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new Retriever(indexes, thresholds);
  }

  retrieve(text: string, hint: Locale, limit = 3): Retrieval {
    const detected = detectLanguage(text);
    const candidates: Locale[] = detected && detected.locale !== hint ? [hint, detected.locale] : [hint];
    const results = candidates.map((locale) => this.searchIn(locale, text, limit));
    // Another language than the player's own must be clearly about the question to win: a stray word
    // that happens to exist there ("quasar" ~ pt "quase") is no reason to answer in Portuguese.
    for (const result of results.slice(1)) {
      if (result.confident && result.hits[0].topical < SWITCH_TOPICAL) result.confident = false;
    }
    const quality = (r: Retrieval) => (r.hits.length ? (r.confident ? 1 : 0) + r.hits[0].coverage + r.hits[0].score / 1000 : -1);
    results.sort((a, b) => quality(b) - quality(a));
    const best = results[0];
    // Nothing found anywhere: say so in the language the player wrote in, when that is clear.
    const wordCount = text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
    if (!best.confident && detected && detected.confidence >= 3 && wordCount >= 3) return { locale: detected.locale, hits: [], confident: false };
    if (!best.confident) return { locale: hint, hits: [], confident: false };
    return best;
  }

  private searchIn(locale: Locale, text: string, limit: number): Retrieval {
    const index = this.indexes.get(locale);
    if (!index) return { locale, hits: [], confident: false };
    const { hits } = index.search(text, limit, this.thresholds.unknownWeight);
    const top = hits[0];
    const confident = !!top && top.score >= this.thresholds.minScore && top.coverage >= this.thresholds.minCoverage && top.topical >= this.thresholds.minTopical;
    const shown = hits.filter((hit) => hit.score >= this.thresholds.relative * (top?.score ?? 0));
    return { locale, confident, hits: shown.map((hit) => ({ article: index.docs[hit.doc], score: hit.score, coverage: hit.coverage, topical: hit.topical })) };
  }
}
