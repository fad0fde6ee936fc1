import { detectAll } from 'tinyld';
import type { Locale } from '../../conversations/ports';

const ONLY: Locale[] = ['en', 'fr', 'es', 'de', 'pt'];

/**
 * The language a message is written in, from tinyld (a maintained n-gram detector) limited to our
 * five languages; null when the text is too short or the detector hesitates. Measured on the
 * evaluation set (eval/bot): see `npm run bot:eval`.
 */
export function detectLanguage(text: string): { locale: Locale; confidence: number } | null {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length < 8) return null;
  const ranked = detectAll(text, { only: ONLY }) as { lang: string; accuracy: number }[];
  if (!ranked.length) return null;
  const [first, second] = ranked;
  const margin = second ? first.accuracy / Math.max(second.accuracy, 1e-6) : Infinity;
  return { locale: first.lang as Locale, confidence: margin };
}
