// npm run eval:duplicates: scores the duplicate suggestions of /bug and /new_feature on the set in
// scripts/data/duplicate-pairs.ts, against a throw-away Postgres database (embedded unless
// DATABASE_URL is set): recall (the same bug is among the suggestions) and precision of the top 3
// (suggestions shown that are the same bug), per language and per score threshold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { duplicateSql, SUGGEST_SCORE } from '../src/cases/reports/duplicate-finder';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { applyMigrations } from '../src/database/migrator';
import { FILED, INCOMING, Language } from './data/duplicate-pairs';

const THRESHOLDS = [0.2, 0.25, SUGGEST_SCORE, 0.35, 0.4, 0.5].filter((v, i, all) => all.indexOf(v) === i).sort();

interface Scored {
  language: Language;
  topic: string;
  suggestions: { topic: string; score: number }[];
}

async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  let embedded: EmbeddedPostgres | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'eval-duplicates-'));
    embedded = new EmbeddedPostgres({ dataDir: join(dir, 'pg'), port: 20_000 + Math.floor(Math.random() * 20_000) });
    await embedded.start();
    adminUrl = embedded.connectionString('postgres');
  }
  const name = `eval_duplicates_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await applyMigrations(url.toString());
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function score(url: string): Promise<Scored[]> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const topicOf = new Map<number, string>();
    for (const [language, reports] of Object.entries(FILED)) {
      for (const r of reports) {
        const { rows } = await db.query<{ number: number }>(
          `INSERT INTO "Case" ("id", "type", "title", "description", "reporterName", "reportLanguage", "updatedAt")
           VALUES (gen_random_uuid(), 'BUG', $1, $2, 'eval', $3, now()) RETURNING "number"`,
          [r.title, r.text, language],
        );
        topicOf.set(rows[0].number, r.topic);
      }
    }
    const scored: Scored[] = [];
    for (const [language, reports] of Object.entries(INCOMING) as [Language, (typeof INCOMING)['en']][]) {
      for (const r of reports) {
        const sql = duplicateSql({ type: 'BUG', language, title: r.title, text: r.text }, 3, 0);
        const { rows } = await db.query<{ number: number; score: number }>(sql.text, sql.values as unknown[]);
        scored.push({ language, topic: r.topic, suggestions: rows.map((row) => ({ topic: topicOf.get(row.number)!, score: row.score })) });
      }
    }
    return scored;
  } finally {
    await db.end();
  }
}

export function measure(items: Scored[], threshold: number) {
  const duplicates = items.filter((i) => i.topic.startsWith('T'));
  let shown = 0;
  let correct = 0;
  let found = 0;
  let falseAlarms = 0;
  for (const item of items) {
    const suggestions = item.suggestions.filter((s) => s.score >= threshold);
    shown += suggestions.length;
    const right = suggestions.filter((s) => s.topic === item.topic).length;
    correct += right;
    if (item.topic.startsWith('T') && right > 0) found++;
    if (item.topic.startsWith('N') && suggestions.length > 0) falseAlarms++;
  }
  return { queries: duplicates.length, nearMisses: items.length - duplicates.length, found, recall: found / duplicates.length, shown, correct, precision: shown ? correct / shown : 1, falseAlarms };
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function table(title: string, columns: string[], rows: string[][]): void {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n${line(columns)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}`);
}

async function main(): Promise<void> {
  const items = await withDatabase(score);
  const columns = ['', 'duplicate reports', 'found in top 3', 'recall', 'suggestions shown', 'right ones', 'precision@3', 'near-misses with a suggestion'];
  const row = (label: string, m: ReturnType<typeof measure>) => [label, String(m.queries), String(m.found), pct(m.recall), String(m.shown), String(m.correct), pct(m.precision), `${m.falseAlarms} of ${m.nearMisses}`];
  table(
    `Duplicate suggestions at the shipped threshold (score ≥ ${SUGGEST_SCORE}), per language`,
    columns,
    [...(Object.keys(INCOMING) as Language[]).map((l) => row(l, measure(items.filter((i) => i.language === l), SUGGEST_SCORE))), row('all', measure(items, SUGGEST_SCORE))],
  );
  table('All languages, by threshold', ['threshold', ...columns.slice(1)], THRESHOLDS.map((th) => row(String(th), measure(items, th))));
  const all = measure(items, SUGGEST_SCORE);
  console.log(`\nTarget recall ≥ 80 % with precision ≥ 80 %: ${all.recall >= 0.8 && all.precision >= 0.8 ? 'met' : 'NOT met'} (recall ${pct(all.recall)}, precision ${pct(all.precision)})`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
