import type { LoadResult } from './load';

export type Verdict = 'PASS' | 'MISS' | '';

/** What a load row must reach; a row without a target is shown for information. */
export interface LoadTarget {
  p99Ms?: number;
  minRps?: number;
}

export interface LoadRow {
  name: string;
  /** Closed-loop connections (autocannon, as fast as possible) or open-loop sockets. */
  connections: number;
  /** Set for open-loop rows: requests per second on a fixed schedule. */
  rate?: number;
  result: LoadResult;
  target?: LoadTarget;
}

export interface Table {
  columns: string[];
  rows: string[][];
}

export interface ScenarioReport {
  id: string;
  title: string;
  /** The goals from the issue, as text. */
  targets: string[];
  /** Set when the scenario did not run; then there is no table. */
  notRun?: string;
  table?: Table;
  /** Further tables (e.g. delivery counts beside the acknowledgement latency). */
  extraTables?: { title: string; table: Table }[];
  /** The raw load rows behind the table (for tests and further checks). */
  loads: LoadRow[];
  verdicts: Verdict[];
  /** Verdicts of rows in the extra tables. */
  extraVerdicts?: Verdict[];
  /** Set-up facts (seed size and time) and findings. */
  notes: string[];
}

export const fmt = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

export function loadVerdict(row: LoadRow): Verdict {
  if (!row.target) return '';
  const { result, target } = row;
  const clean = result.errors + result.non2xx + result.mismatches === 0 && result.requests > 0;
  const fast = target.p99Ms === undefined || result.p99 <= target.p99Ms;
  const enough = target.minRps === undefined || result.rps >= target.minRps;
  return clean && fast && enough ? 'PASS' : 'MISS';
}

export function describeTarget(target?: LoadTarget): string {
  if (!target) return '(info)';
  const parts: string[] = [];
  if (target.p99Ms !== undefined) parts.push(`p99 ≤ ${target.p99Ms} ms`);
  if (target.minRps !== undefined) parts.push(`≥ ${target.minRps} req/s`);
  return parts.join(', ');
}

/** The standard table for HTTP load rows. */
export function loadTable(rows: readonly LoadRow[]): { table: Table; verdicts: Verdict[] } {
  const verdicts = rows.map(loadVerdict);
  return {
    verdicts,
    table: {
      columns: ['case', 'load', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx', 'peak RSS MB', 'node CPU %', 'pg CPU %', 'other CPU %', 'target', 'result'],
      rows: rows.map((row, i) => [
        row.name,
        row.rate ? `${row.rate}/s paced` : `max, ${row.connections} conn`,
        fmt(row.result.rps, 0),
        fmt(row.result.p50, 2),
        fmt(row.result.p975, 2),
        fmt(row.result.p99, 2),
        fmt(row.result.max, 1),
        String(row.result.errors),
        String(row.result.non2xx + row.result.mismatches),
        fmt(row.result.peakRssMb, 0),
        fmt(row.result.nodeCpuPct, 0),
        fmt(row.result.postgresCpuPct, 0),
        fmt(row.result.foreignCpuPct, 0),
        describeTarget(row.target),
        verdicts[i],
      ]),
    },
  };
}

export function renderText(table: Table): string {
  const widths = table.columns.map((column, i) => Math.max(column.length, ...table.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].join('\n');
}

export function renderMarkdown(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${table.columns.map(escape).join(' | ')} |`,
    `|${table.columns.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

export function printReport(report: ScenarioReport, write: (text: string) => void = (text) => process.stdout.write(text)): void {
  write(`\n== ${report.id}. ${report.title}\n`);
  write(`   targets: ${report.targets.join('; ')}\n`);
  if (report.notRun) {
    write(`${report.id}: not run — ${report.notRun}\n`);
    return;
  }
  if (report.table) write(renderText(report.table) + '\n');
  for (const extra of report.extraTables ?? []) write(`\n   ${extra.title}\n${renderText(extra.table)}\n`);
  for (const note of report.notes) write(`   · ${note}\n`);
}

export function notRun(id: string, title: string, targets: string[], reason: string): ScenarioReport {
  return { id, title, targets, notRun: reason, loads: [], verdicts: [], notes: [] };
}
