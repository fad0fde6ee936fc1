import { fold } from '../text/fold';
import type { SourceArticle } from './answer-writer';

/** Words of a promise the model must not make unless an article it cites says so. */
const PROMISE_WORDS = /\b(refund\w*|reimburs\w*|compensat\w*|guarantee\w*|rembours\w*|dedommag\w*|reembols\w*|devolv\w*|indemniz\w*|compens\w*|erstatt\w*|entschadig\w*|garant\w*|estorn\w*|ressarc\w*)\b/g;

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks a written answer against its sources before a player sees it: it must cite articles it
 * was given, not repeat its instructions, link nowhere else, and carry no number or promise word
 * that its cited articles do not contain (a model inventing "500 gems within 24 hours").
 */
export function checkAnswer(answer: string, cited: string[], articles: SourceArticle[], canary: string): GuardVerdict {
  if (!answer.trim()) return { ok: false, reason: 'empty' };
  if (answer.length > 1200) return { ok: false, reason: 'too_long' };
  if (answer.includes(canary) || /support assistant of a mobile game|not instructions|NOT_COVERED/i.test(answer)) return { ok: false, reason: 'instructions_leaked' };
  const given = new Map(articles.map((a) => [a.slug, a]));
  if (!cited.length || cited.some((slug) => !given.has(slug))) return { ok: false, reason: 'bad_sources' };
  const sources = cited.map((slug) => given.get(slug)!);
  const sourceText = fold(sources.map((a) => `${a.title}\n${a.body}\n${a.url}`).join('\n'));
  for (const url of answer.match(/https?:\/\/[^\s)>\]]+/g) ?? []) {
    if (!sourceText.includes(fold(url.replace(/[.,;:!?]+$/, '')))) return { ok: false, reason: 'foreign_link' };
  }
  const plain = fold(answer);
  for (const number of plain.match(/\d+(?:[.,]\d+)?/g) ?? []) {
    if (!sourceText.includes(number)) return { ok: false, reason: 'unsupported_number' };
  }
  for (const word of plain.match(PROMISE_WORDS) ?? []) {
    if (!sourceText.includes(word.slice(0, 6))) return { ok: false, reason: 'unsupported_promise' };
  }
  return { ok: true };
}
