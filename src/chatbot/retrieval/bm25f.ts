import type { Locale } from '../../conversations/ports';
import { withinDistance } from '../text/edit-distance';
import { Analyzer } from './analyzer';

/** What the index needs of an article. */
export interface IndexableArticle {
  slug: string;
  locale: string;
  title: string;
  body: string;
  tags: string[];
  keywords: string[];
  aliases: string[];
}

export interface ScoredArticle {
  doc: number;
  score: number;
  /** Share (0..1) of the query's informative weight that this article matched. */
  coverage: number;
  /** The same share counting only matches in the title, keywords, aliases or tags: what the article is about. */
  topical: number;
}

type Field = 'title' | 'keywords' | 'aliases' | 'tags' | 'body';
/** BM25F field weights and length normalisation (b): the title and the players' words count most. */
const FIELDS: { name: Field; weight: number; b: number }[] = [
  { name: 'title', weight: 3, b: 0.4 },
  { name: 'keywords', weight: 2.5, b: 0.2 },
  { name: 'aliases', weight: 2.5, b: 0.2 },
  { name: 'tags', weight: 1.5, b: 0 },
  { name: 'body', weight: 1, b: 0.75 },
];
const K1 = 1.2;
/** Discounts for a query word that only matches a vocabulary word with a typo or as a prefix. */
const TYPO_WEIGHT = 0.8;
const PREFIX_WEIGHT = 0.7;
const TOPICAL_BOOST = 1;

const textOf = (article: IndexableArticle, field: Field): string =>
  Array.isArray(article[field]) ? (article[field] as string[]).join(' . ') : (article[field] as string);

/**
 * A BM25F index of one language's articles, in memory. Postings store each article's already
 * weighted, length-normalised term frequency, so a query is a few array walks.
 */
export class LocaleIndex {
  readonly docs: IndexableArticle[];
  private readonly postings = new Map<string, { doc: number; tf: number; topical: boolean }[]>();
  /** Vocabulary words by length, so typo matching only compares words of a near length. */
  private readonly byLength = new Map<number, string[]>();
  /** The vocabulary sorted, to find the words a query word starts in a binary search. */
  private readonly sorted: string[];
  private readonly expansions = new Map<string, { term: string; weight: number }[]>();
  private readonly maxIdf: number;

  constructor(
    readonly locale: Locale,
    articles: IndexableArticle[],
    private readonly analyzer: Analyzer,
  ) {
    this.docs = articles;
    const perField = articles.map((article) => FIELDS.map((field) => analyzer.terms(locale, textOf(article, field.name))));
    const averages = FIELDS.map((_, f) => perField.reduce((sum, fields) => sum + fields[f].length, 0) / Math.max(1, articles.length) || 1);
    perField.forEach((fields, doc) => {
      const weighted = new Map<string, number>();
      const topical = new Set<string>();
      fields.forEach((terms, f) => {
        const { name, weight, b } = FIELDS[f];
        const norm = 1 - b + (b * terms.length) / averages[f];
        for (const term of terms) {
          weighted.set(term, (weighted.get(term) ?? 0) + weight / norm);
          if (name !== 'body') topical.add(term);
        }
      });
      for (const [term, tf] of weighted) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, tf, topical: topical.has(term) });
      }
    });
    this.sorted = [...this.postings.keys()].sort();
    for (const term of this.postings.keys()) {
      const list = this.byLength.get(term.length) ?? [];
      list.push(term);
      this.byLength.set(term.length, list);
    }
    this.maxIdf = this.idf(0);
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
    if (term.length >= 5) {
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
    found.sort((a, b) => this.postings.get(a.term)!.length - this.postings.get(b.term)!.length);
    const kept = known ? [{ term, weight: 1 }, ...found.slice(0, 3)] : found.slice(0, 4);
    if (this.expansions.size < 50_000) this.expansions.set(term, kept);
    return kept;
  }

  search(query: string, limit: number, unknownWeight: number): { hits: ScoredArticle[]; informative: number } {
    const terms = [...new Set(this.analyzer.terms(this.locale, query))];
    const scores = new Float64Array(this.docs.length);
    const matched = new Float64Array(this.docs.length);
    const matchedTopical = new Float64Array(this.docs.length);
    let total = 0;
    for (const term of terms) {
      const expansions = this.expand(term);
      if (!expansions.length) {
        total += unknownWeight * this.maxIdf;
        continue;
      }
      const best = new Map<number, { contribution: number; topical: boolean }>();
      let termIdf = 0;
      for (const { term: candidate, weight } of expansions) {
        const list = this.postings.get(candidate)!;
        const idf = this.idf(list.length) * weight;
        termIdf = Math.max(termIdf, idf);
        for (const { doc, tf, topical } of list) {
          const contribution = (idf * tf * (K1 + 1)) / (K1 + tf);
          const previous = best.get(doc);
          if (!previous || contribution > previous.contribution) best.set(doc, { contribution, topical: topical || (previous?.topical ?? false) });
          else if (topical) previous.topical = true;
        }
      }
      total += termIdf;
      for (const [doc, { contribution, topical }] of best) {
        scores[doc] += contribution;
        matched[doc] += termIdf;
        if (topical) matchedTopical[doc] += termIdf;
      }
    }
    const hits: ScoredArticle[] = [];
    for (let doc = 0; doc < scores.length; doc++) {
      if (scores[doc] > 0) hits.push({ doc, score: scores[doc], coverage: total ? matched[doc] / total : 0, topical: total ? matchedTopical[doc] / total : 0 });
    }
    // An article about the question's words (in its title, keywords, aliases, tags) outranks one that mentions them.
    for (const hit of hits) hit.score *= 1 + TOPICAL_BOOST * hit.topical;
    hits.sort((a, b) => b.score - a.score || this.docs[a.doc].slug.localeCompare(this.docs[b.doc].slug));
    return { hits: hits.slice(0, limit), informative: total };
  }
}
