import type { Locale } from '../../conversations/ports';
import { words } from '../text/fold';
import { separableVerbCandidates } from '../text/separable-verbs';
import { Stemmers } from '../text/stem';
import { STOP_WORDS } from '../text/stopwords';

/** Turns text into the index's terms for one language: folded words, stop words out, stemmed. */
export class Analyzer {
  constructor(private readonly stemmers = new Stemmers()) {}

  terms(locale: Locale, text: string): string[] {
    const stop = STOP_WORDS[locale];
    const terms: string[] = [];
    for (const word of words(text)) {
      // Single letters and single digits carry no topic ("season 5", "a"); "99" or "2fa" may.
      if (stop.has(word) || word.length < 2) continue;
      terms.push(this.stemmers.stem(locale, word));
    }
    return terms;
  }

  /** German separable verbs joined again ("füge … hinzu" → "hinzufüg"), as terms; the index keeps those it knows. */
  separableTerms(locale: Locale, text: string): string[] {
    return locale === 'de' ? separableVerbCandidates(text).map((word) => this.stemmers.stem(locale, word)) : [];
  }
}
