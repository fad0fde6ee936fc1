import type { Locale } from '../../src/conversations/ports';
import type { Split } from './load';

export interface PlayerOutcome {
  locale: Locale;
  split: Split;
  answers: string[];
  shown: string[];
  fallback: boolean;
  answeredIn: Locale;
  ms: number;
}

export interface IntentOutcome {
  locale: Locale;
  split: Split;
  human: boolean;
  predicted: boolean;
}

export interface Row {
  top1: number;
  top3: number;
  fallbackPrecision: number;
  fallbackRecall: number;
  intentPrecision: number;
  intentRecall: number;
  language: number;
  p50: number;
  p99: number;
  players: number;
  intents: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Top-k counts what the player is shown: a fallback on an answerable question is a miss.
 * Fallback positive = "no article answers this". Intent is scored on the live-agent set plus
 * every player message (none of which asks for a person).
 */
export function summarise(players: PlayerOutcome[], intents: IntentOutcome[]): Row {
  const answerable = players.filter((p) => p.answers.length > 0);
  const hit = (p: PlayerOutcome, k: number) => !p.fallback && p.shown.slice(0, k).some((slug) => p.answers.includes(slug));
  const fallbackTp = players.filter((p) => p.fallback && !p.answers.length).length;
  const intentTp = intents.filter((i) => i.predicted && i.human).length;
  return {
    top1: ratio(answerable.filter((p) => hit(p, 1)).length, answerable.length),
    top3: ratio(answerable.filter((p) => hit(p, 3)).length, answerable.length),
    fallbackPrecision: ratio(fallbackTp, players.filter((p) => p.fallback).length),
    fallbackRecall: ratio(fallbackTp, players.filter((p) => !p.answers.length).length),
    intentPrecision: ratio(intentTp, intents.filter((i) => i.predicted).length),
    intentRecall: ratio(intentTp, intents.filter((i) => i.human).length),
    language: ratio(players.filter((p) => p.answeredIn === p.locale).length, players.length),
    p50: percentile(players.map((p) => p.ms), 50),
    p99: percentile(players.map((p) => p.ms), 99),
    players: players.length,
    intents: intents.length,
  };
}

export const TARGETS = { top1: 0.9, top3: 0.95, fallbackPrecision: 0.8, fallbackRecall: 0.8, intentPrecision: 0.95, intentRecall: 0.95 };

export function meetsTargets(row: Row): boolean {
  return (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).every((key) => row[key] >= TARGETS[key]);
}

export function formatTable(rows: { name: string; row: Row }[]): string {
  const head = '| set | players | top-1 | top-3 | fallback P | fallback R | intent P | intent R | language | p50 ms | p99 ms | targets |';
  const line = '|' + ' --- |'.repeat(12);
  const f = (n: number) => n.toFixed(2);
  const body = rows.map(({ name, row }) =>
    `| ${name} | ${row.players} (+${row.intents} intent) | ${f(row.top1)} | ${f(row.top3)} | ${f(row.fallbackPrecision)} | ${f(row.fallbackRecall)} | ${f(row.intentPrecision)} | ${f(row.intentRecall)} | ${f(row.language)} | ${row.p50.toFixed(2)} | ${row.p99.toFixed(2)} | ${meetsTargets(row) ? 'PASS' : 'MISS'} |`,
  );
  return [head, line, ...body].join('\n');
}
