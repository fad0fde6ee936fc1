import { LOCALES, TEXT_SEARCH_CONFIG } from '../src/chatbot/locales';
import type { Locale } from '../src/conversations/ports';
import { QUESTIONS } from './data/kb-variations';
import { seedArticles } from './lib/kb-seed';
import { runLoad } from './lib/load';
import { fmt, LoadRow, loadTable, printReport, ScenarioReport } from './lib/report';
import { startService } from './lib/service';
import { profileSql } from './lib/sql-profile';

export const TITLE = 'Knowledge-base search at 10,000 articles (en, fr, es, de, pt)';
export const TARGETS = ['search p99 ≤ 10 ms'];
const P99_MS = 10;

export interface KbScenarioOptions {
  articles: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  entry?: 'dist' | 'source';
  databaseUrl?: string;
  profile?: boolean;
  log?: (line: string) => void;
}

export const KB_DEFAULTS: KbScenarioOptions = { articles: 10_000, durationSec: 10, warmupSec: 2, connections: 8, profile: true };

const searchPath = (q: string, locale: Locale) => `/api/kb/search?${new URLSearchParams({ q, locale }).toString()}`;

/** The statement ArticlesService.search runs, for timing the SQL alone (kept in step with it by hand). */
function searchSql(q: string, locale: Locale) {
  return {
    text: `WITH query AS (
        SELECT NULLIF(replace(plainto_tsquery($1::regconfig, $2)::text, '&', '|'), '')::tsquery AS tsq
      ), top AS (
        SELECT a."id", ts_rank(a."search", query.tsq) AS rank
        FROM "Article" a, query
        WHERE a."locale" = $3 AND query.tsq IS NOT NULL AND a."search" @@ query.tsq
        ORDER BY rank DESC, a."slug"
        LIMIT 3
      )
      SELECT a."slug", a."locale", a."title", top.rank::float8 AS rank,
             ts_headline($1::regconfig, a."body", (SELECT tsq FROM query),
                         'MaxWords=28, MinWords=12, MaxFragments=1, StartSel=**, StopSel=**') AS excerpt
      FROM top JOIN "Article" a ON a."id" = top."id"
      ORDER BY top.rank DESC, a."slug"`,
    values: [TEXT_SEARCH_CONFIG[locale], q, locale],
  };
}

export async function runKbScenario(options: KbScenarioOptions = KB_DEFAULTS): Promise<ScenarioReport> {
  const log = options.log ?? (() => undefined);
  const service = await startService({ entry: options.entry, databaseUrl: options.databaseUrl });
  const notes: string[] = [];
  try {
    log(`E: seeding ${options.articles} articles`);
    const seed = await seedArticles(service.databaseUrl, options.articles);
    notes.push(`${seed.articles.toLocaleString('en')} articles (kb/ starters + generated variants, through ArticlesService.importArticles) in ${seed.seconds.toFixed(1)} s`);
    const questions = LOCALES.flatMap((locale) => QUESTIONS[locale].map((q) => ({ q, locale })));
    // Every question must find something: an empty answer would be a cheaper, unrealistic request.
    let empty = 0;
    for (const { q, locale } of questions) {
      const response = await fetch(`${service.url}${searchPath(q, locale)}`, { headers: { authorization: service.authorization } });
      const hits = (await response.json()) as unknown[];
      if (!response.ok) throw new Error(`search ${locale} "${q}" answered ${response.status}`);
      if (hits.length === 0) empty++;
    }
    notes.push(`${questions.length} questions (15 per language); ${questions.length - empty} return articles`);
    const rows: LoadRow[] = [];
    const byLocale: { name: string; items: { q: string; locale: Locale }[] }[] = [
      { name: 'all languages', items: questions },
      ...LOCALES.map((locale) => ({ name: `${locale} only`, items: questions.filter((item) => item.locale === locale) })),
    ];
    for (const group of byLocale) {
      // The mixed row is the judged one; per-language rows use shorter runs, to show none lags.
      const judged = group.name === 'all languages';
      log(`E: ${group.name}`);
      const result = await runLoad({
        url: service.url,
        headers: { authorization: service.authorization },
        requests: group.items.map(({ q, locale }) => ({ path: searchPath(q, locale) })),
        connections: options.connections,
        durationSec: judged ? options.durationSec : Math.max(1, Math.round(options.durationSec / 3)),
        warmupSec: options.warmupSec,
        pid: service.pid,
      });
      rows.push({ name: group.name, connections: options.connections, result, target: { p99Ms: P99_MS } });
    }
    if (options.profile) {
      const profile = await profileSql(service.databaseUrl, questions.map(({ q, locale }) => searchSql(q, locale)));
      notes.push(`SQL alone (1 connection, each question once): p50 ${fmt(profile.p50, 2)} ms, p99 ${fmt(profile.p99, 2)} ms, slowest ${fmt(profile.slowestMs, 2)} ms`);
      if (profile.slowestMs > P99_MS / 2) notes.push(`plan of the slowest search:\n${profile.slowestPlan}`);
    }
    const { table, verdicts } = loadTable(rows);
    return { id: 'E', title: TITLE, targets: TARGETS, table, loads: rows, verdicts, notes };
  } finally {
    await service.stop();
  }
}

if (require.main === module) {
  runKbScenario({
    ...KB_DEFAULTS,
    articles: Number(process.env.BENCH_ARTICLES ?? KB_DEFAULTS.articles),
    durationSec: Number(process.env.BENCH_DURATION ?? KB_DEFAULTS.durationSec),
    connections: Number(process.env.BENCH_CONNECTIONS ?? KB_DEFAULTS.connections),
    log: (line) => process.stderr.write(`${line}\n`),
  })
    .then((report) => printReport(report))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
