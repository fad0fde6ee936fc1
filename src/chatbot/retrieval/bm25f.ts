import type { Locale } from '../../conversations/ports';
import { withinDistance } from '../text/edit-distance';
import { GENERIC_WORDS } from '../text/generic-words';
import { Analyzer } from './analyzer';
import { closestQuestion, QueryTerm, TopicFit, topicFit } from './query-fit';

/** What the index needs of an article. */
export interface IndexableArticle {
  slug: string;
  locale: string;
  title: string;
  body: string;
  tags: string[];
  keywords: string[];
  aliases: string[];
  /** Questions players ask that the article answers, in their words: matched like the body, weighted more. */
  questions?: string[];
}

export interface ScoredArticle {
  doc: number;
  score: number;
  /** Share (0..1) of the query's informative weight that this article matched. */
  coverage: number;
  /** The same share counting only matches in the title, keywords, aliases or tags: what the article is about. */
  topical: number;
  /** Whether it covers the question's own topic, not just its generic words (query-fit.ts). */
  fit?: TopicFit;
}

/** One search's best articles and what the question was made of, for the "found nothing" decision. */
export interface SearchResult {
  hits: ScoredArticle[];
  /** The question's informative weight (idf of its known words, a share of the rarest idf for unknown ones). */
  informative: number;
  /** Distinct terms of the question after stop words. */
  terms: number;
  /** How close the message is to a question no article answers (out-of-scope.ts), as closestQuestion measures. */
  outOfScope: number;
}

/** Example questions weigh a little more than the body: they are in players' words, but many and loose. */
const QUESTIONS_WEIGHT = 1.5;
/** An article's terms per field, and per example question. */
export interface AnalyzedArticle {
  fields: string[][];
  questions: string[][];
}

type Field = 'title' | 'keywords' | 'aliases' | 'tags' | 'body' | 'questions';
/** BM25F field weights and length normalisation (b): the title and the players' words count most. */
const FIELDS: { name: Field; weight: number; b: number }[] = [
  { name: 'title', weight: 3, b: 0.4 },
  { name: 'keywords', weight: 2.5, b: 0.2 },
  { name: 'aliases', weight: 2.5, b: 0.2 },
  { name: 'tags', weight: 1.5, b: 0 },
  { name: 'body', weight: 1, b: 0.75 },
  { name: 'questions', weight: QUESTIONS_WEIGHT, b: 0.5 },
];
const K1 = 1.2;
/** Discounts for a query word that only matches a vocabulary word with a typo or as a prefix. */
const TYPO_WEIGHT = 0.8;
const PREFIX_WEIGHT = 0.7;
const TOPICAL_BOOST = 1;
/** How much being close to an article's example questions lifts it in the shortlist (1: a perfect match doubles the score). */
const QUESTION_BOOST = 1;
const SHORTLIST = 10;
/** Words in a message beyond which unknown words start to count less. */
const LONG_MESSAGE = 5;

/** One word's articles: doc numbers, BM25 saturation of their weighted frequency, whether it is topical there. */
interface Postings {
  docs: Int32Array;
  saturation: Float64Array;
  topical: Uint8Array;
}

const textOf = (article: IndexableArticle, field: Field): string => {
  const value = article[field] ?? '';
  return Array.isArray(value) ? value.join(' . ') : value;
};

/**
 * A BM25F index of one language's articles, in memory. Postings store each article's already
 * weighted, length-normalised term frequency, so a query is a few array walks.
 */
export class LocaleIndex {
  readonly docs: IndexableArticle[];
  private readonly postings = new Map<string, Postings>();
  // Scratch buffers reused by every search (a search never awaits, so they are never shared).
  private readonly scores: Float64Array;
  private readonly matched: Float64Array;
  private readonly matchedTopical: Float64Array;
  private readonly termBest: Float64Array;
  private readonly termTopical: Uint8Array;
  /** Vocabulary words by length, so typo matching only compares words of a near length. */
  private readonly byLength = new Map<number, string[]>();
  /** The vocabulary sorted, to find the words a query word starts in a binary search. */
  private readonly sorted: string[];
  private readonly expansions = new Map<string, { term: string; weight: number }[]>();
  private readonly maxIdf: number;
  private readonly generic: ReadonlySet<string>;
  /** Each article's example questions, each as its set of terms (the decision compares a message to the closest). */
  private readonly questionTerms: ReadonlySet<string>[][];
  private readonly outOfScope: ReadonlySet<string>[];

  /**
   * The terms of each article's fields, in FIELDS order, and of each of its example questions (the
   * questions field is their concatenation): the costly part of building an index.
   */
  static analyze(locale: Locale, articles: IndexableArticle[], analyzer: Analyzer): AnalyzedArticle[] {
    return articles.map((article) => {
      const questions = (article.questions ?? []).map((question) => analyzer.terms(locale, question));
      return { questions, fields: FIELDS.map((field) => (field.name === 'questions' ? questions.flat() : analyzer.terms(locale, textOf(article, field.name)))) };
    });
  }

  constructor(
    readonly locale: Locale,
    articles: IndexableArticle[],
    private readonly analyzer: Analyzer,
    analyzed: AnalyzedArticle[] = LocaleIndex.analyze(locale, articles, analyzer),
    outOfScope: readonly string[] = [],
  ) {
    this.docs = articles;
    const perField = analyzed.map((article) => article.fields);
    const averages = FIELDS.map((_, f) => perField.reduce((sum, fields) => sum + fields[f].length, 0) / Math.max(1, articles.length) || 1);
    const lists = new Map<string, { doc: number; tf: number; topical: boolean }[]>();
    perField.forEach((fields, doc) => {
      const weighted = new Map<string, number>();
      const topical = new Set<string>();
      fields.forEach((terms, f) => {
        const { name, weight, b } = FIELDS[f];
        const norm = 1 - b + (b * terms.length) / averages[f];
        for (const term of terms) {
          weighted.set(term, (weighted.get(term) ?? 0) + weight / norm);
          if (name !== 'body' && name !== 'questions') topical.add(term);
        }
      });
      for (const [term, tf] of weighted) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = []));
        list.push({ doc, tf, topical: topical.has(term) });
      }
    });
    for (const [term, list] of lists) {
      this.postings.set(term, {
        docs: Int32Array.from(list, (p) => p.doc),
        saturation: Float64Array.from(list, (p) => (p.tf * (K1 + 1)) / (K1 + p.tf)),
        topical: Uint8Array.from(list, (p) => (p.topical ? 1 : 0)),
      });
    }
    const n = articles.length;
    [this.scores, this.matched, this.matchedTopical, this.termBest] = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    this.termTopical = new Uint8Array(n);
    this.sorted = [...this.postings.keys()].sort();
    for (const term of this.postings.keys()) {
      const list = this.byLength.get(term.length) ?? [];
      list.push(term);
      this.byLength.set(term.length, list);
    }
    this.maxIdf = this.idf(0);
    this.generic = new Set(analyzer.terms(locale, GENERIC_WORDS[locale]));
    this.questionTerms = analyzed.map((article) => article.questions.map((terms) => new Set(terms)));
    this.outOfScope = outOfScope.map((question) => new Set(analyzer.terms(locale, question)));
  }

  private idf(df: number): number {
    const n = this.docs.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The vocabulary words a query word stands for: itself, or near spellings and compounds. */
  private expand(term: string): { term: string; weight: number }[] {
    const cached = this.expansions.get(term);
    if (cached) return cached;
    const known = this.postings.has(term);
    const found: { term: string; weight: number }[] = [];
    // Known words expand to the compounds they start only in German ("freund" → "freundeslist");
    // elsewhere that would match derivations ("mejor" → "mejorar").
    if (term.length >= 5 && (!known || this.locale === 'de')) {
      // Vocabulary words this one starts ("freund" → "freundeslist"), then, for an unknown word, words it starts with.
      let low = 0;
      let high = this.sorted.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (this.sorted[mid] < term) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < this.sorted.length && this.sorted[i].startsWith(term); i++) {
        if (this.sorted[i] !== term) found.push({ term: this.sorted[i], weight: PREFIX_WEIGHT });
      }
      if (!known) {
        for (let length = 5; length < term.length; length++) {
          const head = term.slice(0, length);
          if (this.postings.has(head)) found.push({ term: head, weight: PREFIX_WEIGHT });
        }
        // A German compound the articles never use ("handyakku", "edelsteinkauf"): its known tail counts too.
        for (let start = 3; this.locale === 'de' && start <= term.length - 4; start++) {
          const tail = term.slice(start);
          if (this.postings.has(tail) && !found.some((f) => f.term === tail)) found.push({ term: tail, weight: PREFIX_WEIGHT });
        }
      }
    }
    // An unknown word also matches near spellings.
    const max = known ? 0 : term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0;
    for (let length = term.length - max; max > 0 && length <= term.length + max; length++) {
      for (const candidate of this.byLength.get(length) ?? []) {
        // Players rarely mistype both of a word's first two letters: a cheap filter before the distance.
        if (candidate[0] !== term[0] && candidate[1] !== term[1]) continue;
        if (withinDistance(term, candidate, max) !== null && !found.some((f) => f.term === candidate)) found.push({ term: candidate, weight: TYPO_WEIGHT });
      }
    }
    // Keep the rarest few: a typo is more likely to stand for a specific word than for a common one.
    found.sort((a, b) => this.postings.get(a.term)!.docs.length - this.postings.get(b.term)!.docs.length);
    const kept = known ? [{ term, weight: 1 }, ...found.slice(0, 3)] : found.slice(0, 4);
    if (this.expansions.size < 50_000) this.expansions.set(term, kept);
    return kept;
  }

  search(query: string, limit: number, unknownWeight: number): SearchResult {
    const separable = this.analyzer.separableTerms(this.locale, query).filter((term) => this.postings.has(term));
    const terms = [...new Set([...this.analyzer.terms(this.locale, query), ...separable])];
    const asked: QueryTerm[] = [];
    const { scores, matched, matchedTopical, termBest, termTopical } = this;
    const touched: number[] = [];
    let total = 0;
    let ignored = 0;
    for (const term of terms) {
      // Amounts, levels and times ("3000", "20", "5") are the story, not the topic, unless an article uses the number.
      if (/^\d+$/.test(term) && !this.postings.has(term)) {
        ignored++;
        continue;
      }
      const expansions = this.expand(term);
      if (!expansions.length) {
        // A short unknown word is more often slang or an abbreviation ("pk", "jsp", "vc") than a topic.
        // In a long message the unknown words are mostly its story, not its topic: they weigh less.
        const weight = (unknownWeight * this.maxIdf * Math.min(1, Math.max(0, term.length - 2) / 4) * LONG_MESSAGE) / Math.max(LONG_MESSAGE, terms.length);
        total += weight;
        asked.push({ term, weight, candidates: [], generic: this.generic.has(term) });
        continue;
      }
      // Per article, the best of the word's expansions counts (a word never counts twice).
      const termDocs: number[] = [];
      let termIdf = 0;
      for (const { term: candidate, weight } of expansions) {
        const list = this.postings.get(candidate)!;
        const idf = this.idf(list.docs.length) * weight;
        termIdf = Math.max(termIdf, idf);
        for (let i = 0; i < list.docs.length; i++) {
          const doc = list.docs[i];
          const contribution = idf * list.saturation[i];
          if (termBest[doc] === 0) termDocs.push(doc);
          if (contribution > termBest[doc]) termBest[doc] = contribution;
          if (list.topical[i]) termTopical[doc] = 1;
        }
      }
      total += termIdf;
      asked.push({ term, weight: termIdf, candidates: expansions.map((e) => e.term), generic: this.generic.has(term) });
      for (const doc of termDocs) {
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += termBest[doc];
        matched[doc] += termIdf;
        if (termTopical[doc]) matchedTopical[doc] += termIdf;
        termBest[doc] = 0;
        termTopical[doc] = 0;
      }
    }
    // An article about the question's words (in its title, keywords, aliases, tags) outranks one that
    // only mentions them. Only the best `limit` are kept, in one pass.
    const top: ScoredArticle[] = [];
    // A wider shortlist is re-ranked by how close the message is to each article's example questions.
    const shortlist = Math.max(limit, SHORTLIST);
    for (const doc of touched) {
      const topical = total ? matchedTopical[doc] / total : 0;
      const hit = { doc, score: scores[doc] * (1 + TOPICAL_BOOST * topical), coverage: total ? matched[doc] / total : 0, topical };
      scores[doc] = 0;
      matched[doc] = 0;
      matchedTopical[doc] = 0;
      if (top.length === shortlist && !this.ranksBefore(hit, top[top.length - 1])) continue;
      let at = top.length;
      while (at > 0 && this.ranksBefore(hit, top[at - 1])) at--;
      top.splice(at, 0, hit);
      if (top.length > shortlist) top.pop();
    }
    for (const hit of top) {
      hit.fit = topicFit(hit.doc, asked, this.postings, this.questionTerms[hit.doc]);
      hit.score *= 1 + QUESTION_BOOST * hit.fit.question;
    }
    top.sort((a, b) => (this.ranksBefore(a, b) ? -1 : this.ranksBefore(b, a) ? 1 : 0));
    top.length = Math.min(top.length, limit);
    return { hits: top, informative: total, terms: terms.length - ignored, outOfScope: closestQuestion(asked, this.outOfScope) };
  }

  private ranksBefore(a: ScoredArticle, b: ScoredArticle): boolean {
    return a.score > b.score || (a.score === b.score && this.docs[a.doc].slug < this.docs[b.doc].slug);
  }
}
