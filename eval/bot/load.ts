import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../src/conversations/ports';
import { LOCALES } from '../../src/chatbot/locales';

/**
 * dev: tuned on; held-out: every third message of the first set, scored only. Each folder of
 * eval/bot is a set written later without seeing the others, named by its folder: fresh and round3
 * were scored blind once, then tuned on; blind, blind2 and blind3 are scored only.
 */
export const LATER_SETS = ['fresh', 'blind', 'round3', 'blind2', 'blind3'] as const;
export type Split = 'dev' | 'held-out' | (typeof LATER_SETS)[number];

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
  return [...playerCases(dir, splitOf), ...LATER_SETS.flatMap((set) => playerCases(join(dir, set), () => set))];
}

function playerCases(dir: string, split: (i: number) => Split): PlayerCase[] {
  return LOCALES.flatMap((locale) => {
    const file = join(dir, `${locale}.json`);
    if (!existsSync(file)) return [];
    const items = JSON.parse(readFileSync(file, 'utf8')) as { q: string; a: string[] }[];
    return items.map((item, i) => ({
      locale,
      text: item.q,
      answers: item.a,
      // A share of players run Discord in another language than they write in.
      discordLocale: (locale === 'en' ? (i % 7 === 6 ? 'pt' : 'en') : i % 5 === 4 ? 'en' : locale) as Locale,
      split: split(i),
    }));
  });
}

export function loadIntentCases(dir: string): IntentCase[] {
  const later = LATER_SETS.flatMap((set) => {
    const folder = join(dir, set);
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.startsWith('intent')).sort() : [];
    return files.flatMap((f) => intentCases(join(folder, f), () => set));
  });
  return [...intentCases(join(dir, 'intent.json'), splitOf), ...later];
}

function intentCases(file: string, split: (i: number) => Split): IntentCase[] {
  const items = JSON.parse(readFileSync(file, 'utf8')) as { lang: Locale; q: string; human: boolean }[];
  const seen = new Map<Locale, number>();
  return items.map((item) => {
    const i = seen.get(item.lang) ?? 0;
    seen.set(item.lang, i + 1);
    return { locale: item.lang, text: item.q, human: item.human, split: split(i) };
  });
}
