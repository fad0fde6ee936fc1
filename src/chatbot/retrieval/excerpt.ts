import { words } from '../text/fold';

const plain = (text: string) => text.replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim();

/**
 * A short extract for a suggestion: the sentence sharing most words with the question (the first
 * sentence when none does), at most `max` characters.
 */
export function excerptOf(body: string, question: string, max = 300): string {
  const asked = new Set(words(question).filter((word) => word.length > 3));
  const sentences = body.split(/(?<=[.!?])\s+|\n+/).map(plain).filter((s) => s.length > 20);
  if (!sentences.length) return plain(body).slice(0, max);
  let best = sentences[0];
  let bestScore = 0;
  for (const sentence of sentences) {
    const score = words(sentence).filter((word) => asked.has(word)).length;
    if (score > bestScore) [best, bestScore] = [sentence, score];
  }
  return best.length > max ? `${best.slice(0, max - 1).trimEnd()}…` : best;
}
