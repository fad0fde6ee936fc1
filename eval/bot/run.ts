/**
 * `npm run bot:eval`: the support bot on eval/bot (player messages in five languages, labelled
 * with the articles that answer them, and live-agent requests with traps), against the shipped
 * kb/. Prints top-1/top-3, fallback and intent precision/recall and latency per language and
 * overall, for each set (dev, held-out, fresh, blind; see load.ts) and all together. `-- --misses`
 * lists the dev misses, `-- --misses=fresh` another set's. The "found nothing" decision is fitted
 * by `npm run bot:fit` (fit-decision.ts) on dev and fresh only.
 */
import { join } from 'node:path';
import { AppConfig } from '../../src/config/app-config';
import { FaqBot } from '../../src/chatbot/faq-bot';
import { MemorySuggestionStore } from '../../src/chatbot/feedback/memory-suggestion-store';
import { readKnowledgeBase } from '../../src/chatbot/kb-files';
import { DisabledAnswerWriter } from '../../src/chatbot/llm/answer-writer';
import { LOCALES } from '../../src/chatbot/locales';
import { RetrieverSource } from '../../src/chatbot/retrieval/knowledge-index';
import { DEFAULT_OPTIONS, Retriever, RetrieverOptions } from '../../src/chatbot/retrieval/retriever';
import { explainFalseAnswers } from './explain';
import { IntentOutcome, PlayerOutcome, formatTable, summarise } from './metrics';
import { IntentCase, LATER_SETS, loadIntentCases, loadPlayerCases, PlayerCase } from './load';

const ROOT = join(__dirname, '..', '..');

class StaticSource extends RetrieverSource {
  constructor(private readonly built: Retriever) {
    super();
  }
  retriever(): Promise<Retriever> {
    return Promise.resolve(this.built);
  }
}

/** One index per knowledge base: the fitting evaluates hundreds of cutoffs on the same articles. */
const built = new WeakMap<object, Retriever>();

export async function evaluate(options: RetrieverOptions, players: PlayerCase[], intents: IntentCase[], kb = readKnowledgeBase(join(ROOT, 'kb'))) {
  let base = built.get(kb);
  if (!base) built.set(kb, (base = Retriever.build(kb)));
  const retriever = base.withOptions(options);
  const bot = new FaqBot(new StaticSource(retriever), new MemorySuggestionStore(), new DisabledAnswerWriter(), new AppConfig());
  for (const c of players.slice(0, 20)) await bot.answer(c.text, c.discordLocale); // warm-up
  const playerOutcomes: PlayerOutcome[] = [];
  for (const c of players) {
    const started = process.hrtime.bigint();
    const answer = await bot.answer(c.text, c.discordLocale);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    playerOutcomes.push({ locale: c.locale, split: c.split, answers: c.answers, shown: answer.articles.map((a) => a.slug), fallback: answer.fallback, answeredIn: answer.locale ?? c.discordLocale, ms });
  }
  const intentOutcomes: IntentOutcome[] = [
    ...intents.map((c) => ({ locale: c.locale, split: c.split, human: c.human, predicted: bot.wantsHuman(c.text) })),
    ...players.map((c) => ({ locale: c.locale, split: c.split, human: false, predicted: bot.wantsHuman(c.text) })),
  ];
  return { playerOutcomes, intentOutcomes };
}

function table(playerOutcomes: PlayerOutcome[], intentOutcomes: IntentOutcome[]): string {
  const rows = [];
  for (const split of ['dev', 'held-out', ...LATER_SETS, 'all'] as const) {
    if (split !== 'all' && !playerOutcomes.some((o) => o.split === split)) continue;
    const inSplit = <T extends { split: string }>(items: T[]) => (split === 'all' ? items : items.filter((i) => i.split === split));
    for (const locale of [...LOCALES, 'overall'] as const) {
      const byLocale = <T extends { locale: string }>(items: T[]) => (locale === 'overall' ? items : items.filter((i) => i.locale === locale));
      rows.push({ name: `${split} ${locale}`, row: summarise(byLocale(inSplit(playerOutcomes)), byLocale(inSplit(intentOutcomes))) });
    }
  }
  return formatTable(rows);
}

/**
 * Ranking alone (no threshold), on answerable messages: the bot's index against the same BM25F
 * without the players' words (example questions; keywords and aliases) and against a single-field
 * BM25 over title + body.
 */
function rankingOnly(players: PlayerCase[]): string {
  const open = { ...DEFAULT_OPTIONS, relative: 0, model: { ...DEFAULT_OPTIONS.model, cutoff: 0 } };
  const kb = readKnowledgeBase(join(ROOT, 'kb'));
  const variants = {
    'this bot (BM25F + keywords/aliases + example questions, typos, topical boost)': Retriever.build(kb, open),
    'same without example questions': Retriever.build(kb.map((a) => ({ ...a, questions: [] })), open),
    'same without keywords, aliases or example questions': Retriever.build(kb.map((a) => ({ ...a, keywords: [], aliases: [], questions: [] })), open),
    'single-field BM25 over title + body (same analyzer)': Retriever.build(kb.map((a) => ({ ...a, body: `${a.title}\n${a.body}`, title: '', tags: [], keywords: [], aliases: [], questions: [] })), open),
  };
  const splits = (['dev', 'held-out', ...LATER_SETS] as const).filter((split) => players.some((p) => p.split === split));
  const lines = [`| ranking only, answerable messages | ${splits.map((s) => `${s} top-1 | ${s} top-3`).join(' | ')} |`, `|${' --- |'.repeat(1 + 2 * splits.length)}`];
  for (const [name, retriever] of Object.entries(variants)) {
    const cells = splits.map((split) => {
      const answerable = players.filter((p) => p.answers.length && p.split === split);
      let top1 = 0;
      let top3 = 0;
      for (const c of answerable) {
        const slugs = retriever.retrieve(c.text, c.discordLocale).hits.map((h) => h.article.slug);
        if (c.answers.includes(slugs[0])) top1++;
        if (slugs.slice(0, 3).some((s) => c.answers.includes(s))) top3++;
      }
      return `${(top1 / answerable.length).toFixed(2)} | ${(top3 / answerable.length).toFixed(2)}`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main() {
  const dir = __dirname;
  const players = loadPlayerCases(dir);
  const intents = loadIntentCases(dir);
  const args = process.argv.slice(2);
  const { playerOutcomes, intentOutcomes } = await evaluate(DEFAULT_OPTIONS, players, intents);
  process.stdout.write(`Support bot on eval/bot: ${players.length} player messages, ${intents.length} live-agent messages; "found nothing" below p ${DEFAULT_OPTIONS.model.cutoff} (logistic model, npm run bot:fit)\n\n`);
  process.stdout.write(`${table(playerOutcomes, intentOutcomes)}\n`);
  process.stdout.write(`\n${rankingOnly(players)}\n`);
  const missesArg = args.find((a) => a.startsWith('--misses'));
  if (missesArg) {
    // `--misses` lists the development misses; `--misses=fresh` (or held-out) another split's, once it has been scored.
    const listed = (missesArg.split('=')[1] ?? 'dev') as PlayerCase['split'];
    process.stdout.write(`\nMisses (${listed}):\n`);
    players.forEach((c, i) => {
      const o = playerOutcomes[i];
      if (c.split !== listed) return;
      const ok = c.answers.length ? !o.fallback && c.answers.includes(o.shown[0]) : o.fallback;
      if (!ok || o.answeredIn !== c.locale) process.stdout.write(`  [${c.locale}/${c.discordLocale}] ${c.text} → ${o.fallback ? 'FALLBACK' : o.shown.join(',')} (want ${c.answers.join(',') || 'none'}) in ${o.answeredIn}\n`);
    });
    const wrong = intents.filter((c) => c.split === listed).filter((c) => c.human !== intentOutcomes[intents.indexOf(c)].predicted);
    const wrongPlayers = players.filter((c, i) => c.split === listed && intentOutcomes[intents.length + i].predicted);
    for (const c of [...wrong, ...wrongPlayers]) process.stdout.write(`  intent [${c.locale}] ${c.text} (want ${'human' in c ? c.human : false})\n`);
    process.stdout.write(`${explainFalseAnswers(players.filter((c) => c.split === listed), Retriever.build(readKnowledgeBase(join(ROOT, 'kb'))))}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
