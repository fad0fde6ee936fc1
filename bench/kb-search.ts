import { LOCALES } from '../src/chatbot/locales';
import type { Locale } from '../src/conversations/ports';
import { QUESTIONS } from './data/kb-variations';
import { mapLimit } from './lib/concurrency';
import { measureBotAnswer } from './lib/bot-answer';
import { seedArticles } from './lib/kb-seed';
import { runLoad } from './lib/load';
import { fmt, LoadRow, loadTable, printReport, ScenarioReport, Table, Verdict } from './lib/report';
import { RunningService, startService } from './lib/service';
import { runPaced } from './lib/paced';

export const TITLE = 'Knowledge-base search at 10,000 articles (en, fr, es, de, pt)';
export const TARGETS = ['search p99 ≤ 10 ms', 'bot.answer p99 ≤ 20 ms'];
const P99_MS = 10;
const BOT_P99_MS = 20;

export interface KbScenarioOptions {
  articles: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  entry?: 'dist' | 'source';
  databaseUrl?: string;
  /** Requests per second of the judged (open-loop) rows. */
  rate: number;
  /** Also one shorter row per language (default true). */
  perLanguage?: boolean;
  /** Passes of the eval/bot player messages through FaqBot.answer in process (0: skip). */
  botPasses?: number;
  /** Measure this running service instead of starting (and stopping) one. */
  service?: RunningService;
  log?: (line: string) => void;
}

/** 100 player questions a second is far above a community's FAQ traffic; the saturation rows show the ceiling. */
export const KB_DEFAULTS: KbScenarioOptions = { articles: 10_000, durationSec: 10, warmupSec: 2, rate: 100, connections: 8, perLanguage: true, botPasses: 5 };

const searchPath = (q: string, locale: Locale) => `/api/kb/search?${new URLSearchParams({ q, locale }).toString()}`;

/**
 * The service learns of articles written by another process (the seeding) within its index refresh
 * period: wait until a question that must find something does, so no row measures a stale index.
 */
async function waitForIndex(service: RunningService, q: string, locale: Locale): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${service.url}${searchPath(q, locale)}`, { headers: { authorization: service.authorization } });
    if (response.ok && ((await response.json()) as unknown[]).length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the service never indexed the seeded articles');
}

export async function runKbScenario(options: KbScenarioOptions = KB_DEFAULTS): Promise<ScenarioReport> {
  const log = options.log ?? (() => undefined);
  const service = options.service ?? (await startService({ entry: options.entry, databaseUrl: options.databaseUrl }));
  const notes: string[] = [];
  try {
    log(`E: seeding ${options.articles} articles`);
    const seed = await seedArticles(service.databaseUrl, options.articles);
    notes.push(`${seed.articles.toLocaleString('en')} articles (kb/ starters + generated variants, through ArticlesService.importArticles) in ${seed.seconds.toFixed(1)} s`);
    const questions = LOCALES.flatMap((locale) => QUESTIONS[locale].map((q) => ({ q, locale })));
    await waitForIndex(service, questions[0].q, questions[0].locale);
    // Every question must find something: an empty answer would be a cheaper, unrealistic request.
    const counts = await mapLimit(questions, 8, async ({ q, locale }) => {
      const response = await fetch(`${service.url}${searchPath(q, locale)}`, { headers: { authorization: service.authorization } });
      if (!response.ok) throw new Error(`search ${locale} "${q}" answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as unknown[]).length;
    });
    const empty = counts.filter((count) => count === 0).length;
    notes.push(`${questions.length} questions (15 per language); ${questions.length - empty} return articles`);
    const extraTables: { title: string; table: Table }[] = [];
    const extraVerdicts: Verdict[] = [];
    if (options.botPasses) {
      log('E: FaqBot.answer in process');
      const bot = await measureBotAnswer(service.databaseUrl, options.botPasses);
      const verdict: Verdict = bot.p99 <= BOT_P99_MS ? 'PASS' : 'MISS';
      extraVerdicts.push(verdict);
      extraTables.push({
        title: `bot.answer (in process, ${bot.articles.toLocaleString('en')} articles, index built in ${bot.indexMs} ms)`,
        table: {
          columns: ['calls', 'first pass p50', 'first pass p99', 'p50', 'p99', 'max', 'retrieval alone p99', 'target', 'verdict'],
          rows: [[String(bot.calls), fmt(bot.coldP50, 2), fmt(bot.coldP99, 2), fmt(bot.p50, 2), fmt(bot.p99, 2), fmt(bot.maxMs, 1), fmt(bot.retrieveP99, 2), `p99 ≤ ${BOT_P99_MS} ms`, verdict]],
        },
      });
    }
    const rows: LoadRow[] = [];
    const headers = { authorization: service.authorization };
    const pathsOf = (items: { q: string; locale: Locale }[]) => items.map(({ q, locale }) => ({ path: searchPath(q, locale) }));
    const measure = async (name: string, items: { q: string; locale: Locale }[], durationSec: number) => {
      log(`E: ${name}`);
      const result = await runPaced({ url: service.url, headers, requests: pathsOf(items), rate: options.rate, durationSec, warmupSec: options.warmupSec, pid: service.pid });
      rows.push({ name, connections: 0, rate: options.rate, result, target: { p99Ms: P99_MS } });
    };
    const saturate = async (name: string) => {
      log(`E: ${name}`);
      const result = await runLoad({ url: service.url, headers, requests: pathsOf(questions), connections: options.connections, durationSec: options.durationSec, warmupSec: options.warmupSec, pid: service.pid });
      rows.push({ name, connections: options.connections, result });
    };
    await measure('all languages', questions, options.durationSec);
    if (options.perLanguage !== false) {
      // Shorter runs, to show no language lags behind.
      for (const locale of LOCALES) await measure(`${locale} only`, questions.filter((item) => item.locale === locale), Math.max(1, options.durationSec / 3));
    }
    await saturate('all languages (saturation)');
    const { table, verdicts } = loadTable(rows);
    return { id: 'E', title: TITLE, targets: TARGETS, table, extraTables, extraVerdicts, loads: rows, verdicts, notes };
  } finally {
    if (!options.service) await service.stop();
  }
}

if (require.main === module) {
  runKbScenario({
    ...KB_DEFAULTS,
    articles: Number(process.env.BENCH_ARTICLES ?? KB_DEFAULTS.articles),
    durationSec: Number(process.env.BENCH_DURATION ?? KB_DEFAULTS.durationSec),
    connections: Number(process.env.BENCH_CONNECTIONS ?? KB_DEFAULTS.connections),
    rate: Number(process.env.BENCH_RATE ?? KB_DEFAULTS.rate),
    botPasses: Number(process.env.BENCH_BOT_PASSES ?? KB_DEFAULTS.botPasses),
    log: (line) => process.stderr.write(`${line}\n`),
  })
    .then((report) => printReport(report))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
