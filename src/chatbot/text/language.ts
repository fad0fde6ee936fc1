import { detectAll } from 'tinyld';
import type { Locale } from '../../conversations/ports';
import { words } from './fold';
import { STOP_WORDS } from './stopwords';

const ONLY: Locale[] = ['en', 'fr', 'es', 'de', 'pt'];

export interface DetectedLanguage {
  locale: Locale;
  /** The first language's score over the second's: near 1 when the detection hesitates. */
  confidence: number;
  /** The second language when the detection hesitates between two (Spanish or Portuguese?). */
  runnerUp?: Locale;
}

/** Below this margin the second guess is searched too. */
const HESITANT = 1.5;
/**
 * Weight of the function-word vote beside tinyld's score: short chat messages ("o jogo é mt bom")
 * carry too few letters for n-grams, but their little words ("o", "mt", "vcs", "ich") are telling.
 * On the development part of eval/bot it took detection from 0.95 to 0.98.
 */
const FUNCTION_WORDS = 2;

/**
 * The language a message is written in: tinyld (a maintained n-gram detector) limited to our five
 * languages, plus the share of the message's words that are that language's function words; null
 * when the text is too short. Measured on the evaluation set (eval/bot): see `npm run bot:eval`.
 */
export function detectLanguage(text: string): DetectedLanguage | null {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 8) return null;
  const ranked = detectAll(text, { only: ONLY }) as { lang: string; accuracy: number }[];
  const top = ranked[0]?.accuracy || 1;
  const all = words(text);
  const scored = ONLY.map((locale) => {
    const ngrams = (ranked.find((r) => r.lang === locale)?.accuracy ?? 0) / top;
    const small = all.filter((word) => STOP_WORDS[locale].has(word)).length / Math.max(1, all.length);
    return { locale, score: ngrams + FUNCTION_WORDS * small };
  }).sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (first.score === 0) return null;
  const margin = first.score / Math.max(second.score, 1e-6);
  return { locale: first.locale, confidence: margin, ...(margin < HESITANT ? { runnerUp: second.locale } : {}) };
}
