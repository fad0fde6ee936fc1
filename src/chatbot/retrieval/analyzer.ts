import type { Locale } from '../../conversations/ports';
import { words } from '../text/fold';
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
}
