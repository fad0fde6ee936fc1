/**
 * `npm run bot:eval -- --misses` also explains each development message that no article answers
 * but the bot answered anyway: the article shown, the decision's inputs and probability, and
 * where each question term was found in that article (T title/keywords/aliases/tags, B body, - not).
 */
import type { Locale } from '../../src/conversations/ports';
import { Analyzer } from '../../src/chatbot/retrieval/analyzer';
import { FEATURES } from '../../src/chatbot/retrieval/decision';
import type { Retriever } from '../../src/chatbot/retrieval/retriever';
import type { PlayerCase } from './load';

const analyzer = new Analyzer();

function whereFound(locale: Locale, text: string, article: { title: string; keywords: string[]; aliases: string[]; tags: string[]; body: string }): string {
  const topical = new Set(analyzer.terms(locale, [article.title, ...article.keywords, ...article.aliases, ...article.tags].join(' . ')));
  const body = new Set(analyzer.terms(locale, article.body));
  return analyzer
    .terms(locale, text)
    .map((term) => `${term}:${topical.has(term) ? 'T' : body.has(term) ? 'B' : '-'}`)
    .join(' ');
}

export function explainFalseAnswers(players: PlayerCase[], retriever: Retriever): string {
  const lines: string[] = ['', 'Messages no article answers, answered anyway:'];
  for (const c of players) {
    if (c.answers.length) continue;
    const r = retriever.retrieve(c.text, c.discordLocale);
    if (!r.confident || !r.hits.length) continue;
    const top = r.hits[0].article;
    const features = (r.features ?? []).map((v, i) => `${FEATURES[i]}=${v.toFixed(2)}`).join(', ');
    lines.push(`  [${c.locale}/${c.discordLocale}] ${c.text} → ${top.slug} (${r.locale}) p=${r.probability.toFixed(2)}`);
    lines.push(`      terms ${whereFound(r.locale, c.text, top)}`);
    lines.push(`      ${features}`);
  }
  return lines.join('\n');
}
