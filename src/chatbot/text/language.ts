import { detectAll } from 'tinyld';
import type { Locale } from '../../conversations/ports';

const ONLY: Locale[] = ['en', 'fr', 'es', 'de', 'pt'];

/**
 * The language a message is written in, from tinyld (a maintained n-gram detector) limited to our
 * five languages; null when the text is too short or the detector hesitates. Measured on the
 * evaluation set (eval/bot): see `npm run bot:eval`.
 */
export interface DetectedLanguage {
  locale: Locale;
  /** The first language's score over the second's: near 1 when the detector hesitates. */
  confidence: number;
  /** The second language when the detector hesitates between two (Spanish or Portuguese?). */
  runnerUp?: Locale;
}

/** Below this margin the detector's second guess is searched too. */
const HESITANT = 1.5;

export function detectLanguage(text: string): DetectedLanguage | null {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 8) return null;
  const ranked = detectAll(text, { only: ONLY }) as { lang: string; accuracy: number }[];
  if (!ranked.length) return null;
  const [first, second] = ranked;
  const margin = second ? first.accuracy / Math.max(second.accuracy, 1e-6) : Infinity;
  return { locale: first.lang as Locale, confidence: margin, ...(margin < HESITANT ? { runnerUp: second.lang as Locale } : {}) };
}
