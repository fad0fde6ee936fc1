import type { Locale } from '../../conversations/ports';
import { LOCALES } from '../locales';
import { asksForAdvice } from '../text/advice';
import { detectLanguage } from '../text/language';
import { Analyzer } from './analyzer';
import { AnalyzedArticle, IndexableArticle, LocaleIndex, ScoredArticle } from './bm25f';
import { DecisionModel, DEFAULT_MODEL, featuresOf, probability } from './decision';
import { OUT_OF_SCOPE } from './out-of-scope';

/**
 * How the retriever decides. The "found nothing" decision is a logistic model (decision.ts) fitted
 * on the development part of eval/bot (`npm run bot:fit`): below its cutoff the bot says it found
 * nothing and offers a person instead of showing unrelated articles.
 */
export interface RetrieverOptions {
  /** Weight (× the rarest word's idf) of a question word the knowledge base does not know at all. */
  unknownWeight: number;
  /** Other articles are shown only when they score at least this share of the best one. */
  relative: number;
  model: DecisionModel;
}

/** How much of the question another language's best article must be about to answer in that language. */
const SWITCH_TOPICAL = 0.2;
/** Or how close the message must be to one of its example questions (players there ask it that way). */
const SWITCH_QUESTION = 0.4;
/** Detector margin from which the player's words outweigh their Discord language when both find an answer. */
const CLEAR_LANGUAGE = 1.5;

export const DEFAULT_OPTIONS: RetrieverOptions = { unknownWeight: 0.5, relative: 0.4, model: DEFAULT_MODEL };

export interface RetrievedArticle {
  article: IndexableArticle;
  score: number;
  coverage: number;
  topical: number;
  /** How close the message is to its closest example question (query-fit.ts). */
  question: number;
}

export interface Retrieval {
  /** The language searched and answered in. */
  locale: Locale;
  hits: RetrievedArticle[];
  /** Whether the best hit is likely to answer the question (the model's probability clears its cutoff). */
  confident: boolean;
  /** The model's probability that the best hit answers the question. */
  probability: number;
  /** The decision's inputs (decision.ts FEATURES), null when nothing matched. */
  features: number[] | null;
}

/**
 * Players mix English gaming words into every language ("mes gems", "el lag", "refund pls"): an
 * article also carries, among its tags (English already), the keywords and aliases of the English
 * article with the same slug. In the index only; the stored article is unchanged.
 */
export function withEnglishWords(articles: IndexableArticle[]): IndexableArticle[] {
  const english = new Map(articles.filter((a) => a.locale === 'en').map((a) => [a.slug, a]));
  return articles.map((article) => {
    const en = article.locale === 'en' ? undefined : english.get(article.slug);
    return en ? { ...article, tags: [...new Set([...article.tags, ...en.keywords, ...en.aliases])] } : article;
  });
}

const retrieved = (index: LocaleIndex, hit: ScoredArticle): RetrievedArticle => ({
  article: index.docs[hit.doc],
  score: hit.score,
  coverage: hit.coverage,
  topical: hit.topical,
  question: hit.fit?.question ?? 0,
});

/** Searches the player's language, or the language their words are in when it differs. */
export class Retriever {
  constructor(
    private readonly indexes: ReadonlyMap<Locale, LocaleIndex>,
    readonly options: RetrieverOptions = DEFAULT_OPTIONS,
  ) {}

  static build(given: IndexableArticle[], options?: RetrieverOptions): Retriever {
    const articles = withEnglishWords(given);
    const analyzer = new Analyzer();
    const indexes = new Map<Locale, LocaleIndex>();
    for (const locale of LOCALES) {
      const own = articles.filter((a) => a.locale === locale);
      indexes.set(locale, new LocaleIndex(locale, own, analyzer, undefined, OUT_OF_SCOPE[locale]));
    }
    return new Retriever(indexes, options);
  }

  /**
   * The same, yielding to the event loop between chunks of articles: a service rebuilding its index
   * (10,000 articles take seconds) keeps answering Discord's interactions meanwhile.
   */
  static async buildInTurns(given: IndexableArticle[], options?: RetrieverOptions, chunk = 100): Promise<Retriever> {
    const articles = withEnglishWords(given);
    const analyzer = new Analyzer();
    const indexes = new Map<Locale, LocaleIndex>();
    for (const locale of LOCALES) {
      const own = articles.filter((a) => a.locale === locale);
      const analyzed: AnalyzedArticle[] = [];
      for (let start = 0; start < own.length; start += chunk) {
        analyzed.push(...LocaleIndex.analyze(locale, own.slice(start, start + chunk), analyzer));
        await new Promise((resolve) => setImmediate(resolve));
      }
      indexes.set(locale, new LocaleIndex(locale, own, analyzer, analyzed, OUT_OF_SCOPE[locale]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new Retriever(indexes, options);
  }

  retrieve(text: string, hint: Locale, limit = 3): Retrieval {
    const detected = detectLanguage(text);
    // When the detection agrees with the player's Discord language, or hesitates between it and another, Discord's is kept.
    const agrees = !detected || detected.locale === hint || detected.runnerUp === hint;
    const foreign = agrees ? [] : [detected.locale, detected.runnerUp].filter((l): l is Locale => !!l);
    const own = this.search(hint, text, limit);
    // Another language than the player's own must be clearly about the question to win: a stray word
    // that happens to exist there ("quasar" ~ pt "quase") is no reason to answer in Portuguese.
    const others = foreign.map((locale) => this.search(locale, text, limit)).filter((r) => r.confident && (r.hits[0].topical >= SWITCH_TOPICAL || r.hits[0].question >= SWITCH_QUESTION));
    others.sort((a, b) => b.probability - a.probability);
    // Both answer: the player's Discord language, unless their words clearly are in another one.
    if (own.confident && (!others.length || detected!.confidence < CLEAR_LANGUAGE)) return own;
    if (others.length) return others[0];
    // Nothing found anywhere: say so in the language the player wrote in, when that is clear.
    const wordCount = text.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length;
    const locale = detected && detected.confidence >= CLEAR_LANGUAGE && wordCount >= 3 ? detected.locale : hint;
    return { locale, hits: [], confident: false, probability: own.probability, features: own.features };
  }

  /** The same indexes deciding with other options (the evaluation tries many cutoffs on one index). */
  withOptions(options: RetrieverOptions): Retriever {
    return new Retriever(this.indexes, options);
  }

  /** One language's best `limit` articles by BM25F, without the "found nothing" decision (the search API). */
  rank(locale: Locale, text: string, limit: number): RetrievedArticle[] {
    const index = this.indexes.get(locale);
    if (!index) return [];
    return index.search(text, limit, this.options.unknownWeight).hits.map((hit) => retrieved(index, hit));
  }

  /** One language's index: its best articles and the decision on them. */
  search(locale: Locale, text: string, limit = 3): Retrieval {
    const index = this.indexes.get(locale);
    if (!index) return { locale, hits: [], confident: false, probability: 0, features: null };
    const result = index.search(text, limit, this.options.unknownWeight);
    const features = featuresOf(result, asksForAdvice(text));
    const p = probability(this.options.model, features);
    const top = result.hits[0];
    const shown = result.hits.filter((hit) => hit.score >= this.options.relative * (top?.score ?? 0));
    return {
      locale,
      // An article matching none of the question's own words (only "game", "help", "when"…) is about something else.
      confident: !!top && p >= this.options.model.cutoff && (top.fit?.content ?? 1) > 0,
      probability: p,
      features,
      hits: shown.map((hit) => retrieved(index, hit)),
    };
  }
}
