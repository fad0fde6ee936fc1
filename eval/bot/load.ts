import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../src/conversations/ports';
import { LOCALES } from '../../src/chatbot/locales';

export type Split = 'dev' | 'held-out';

export interface PlayerCase {
  locale: Locale;
  text: string;
  /** Article slugs that answer it; empty when no article does. */
  answers: string[];
  /** The player's Discord language: sometimes English while they write in their own. */
  discordLocale: Locale;
  split: Split;
}

export interface IntentCase {
  locale: Locale;
  text: string;
  human: boolean;
  split: Split;
}

/** Every third message of each language is held out: never looked at while tuning. */
const splitOf = (i: number): Split => (i % 3 === 2 ? 'held-out' : 'dev');

export function loadPlayerCases(dir: string): PlayerCase[] {
  return LOCALES.flatMap((locale) => {
    const items = JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8')) as { q: string; a: string[] }[];
    return items.map((item, i) => ({
      locale,
      text: item.q,
      answers: item.a,
      // A share of players run Discord in another language than they write in.
      discordLocale: (locale === 'en' ? (i % 7 === 6 ? 'pt' : 'en') : i % 5 === 4 ? 'en' : locale) as Locale,
      split: splitOf(i),
    }));
  });
}

export function loadIntentCases(dir: string): IntentCase[] {
  const items = JSON.parse(readFileSync(join(dir, 'intent.json'), 'utf8')) as { lang: Locale; q: string; human: boolean }[];
  const seen = new Map<Locale, number>();
  return items.map((item) => {
    const i = seen.get(item.lang) ?? 0;
    seen.set(item.lang, i + 1);
    return { locale: item.lang, text: item.q, human: item.human, split: splitOf(i) };
  });
}
