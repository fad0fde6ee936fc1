import { newStemmer } from 'snowball-stemmers';
import type { Locale } from '../../conversations/ports';

const ALGORITHM: Record<Locale, string> = { en: 'english', fr: 'french', es: 'spanish', de: 'german', pt: 'portuguese' };

/** Shortest stem left by stripping: shorter ones collide ("meteo" → "met" = "mettez", "video" → "vid" = "vide"). */
const MIN_STRIPPED = 4;

function stripTrailingVowels(stem: string): string {
  const stripped = stem.replace(/[aeiou]+$/, '');
  return stripped.length >= MIN_STRIPPED ? stripped : stem;
}

/**
 * Snowball stemmers per language, memoised: the knowledge base's vocabulary is small, so indexing
 * 10,000 articles stems each distinct word once.
 */
export class Stemmers {
  private readonly stemmers = new Map<Locale, { stem(word: string): string }>();
  private readonly cache = new Map<Locale, Map<string, string>>();

  stem(locale: Locale, word: string): string {
    let cache = this.cache.get(locale);
    if (!cache) {
      cache = new Map();
      this.cache.set(locale, cache);
    }
    let stemmed = cache.get(word);
    if (stemmed === undefined) {
      stemmed = /\d/.test(word) ? word : this.stemmer(locale).stem(word);
      // Players drop accents, which the stemmers rely on ("piratée" → "pirat", but "piratee" → "pirate"):
      // trailing vowels go too, the same way for the articles and for the question.
      if (locale !== 'en') stemmed = stripTrailingVowels(stemmed);
      if (cache.size < 200_000) cache.set(word, stemmed);
    }
    return stemmed;
  }

  private stemmer(locale: Locale) {
    let stemmer = this.stemmers.get(locale);
    if (!stemmer) {
      stemmer = newStemmer(ALGORITHM[locale]) as { stem(word: string): string };
      this.stemmers.set(locale, stemmer);
    }
    return stemmer;
  }
}
