import { writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine';
import { renderMarkdown, ScenarioReport } from './report';

export interface RunInfo {
  command: string;
  startedAt: Date;
  finishedAt: Date;
  machine: MachineInfo;
  loadBefore: string;
  loadAfter: string;
  /** How the load was applied, stated once for every table. */
  method: string[];
}

function summaryVerdict(report: ScenarioReport): string {
  if (report.notRun) return 'not run';
  const judged = [...report.verdicts, ...(report.extraVerdicts ?? [])].filter((v) => v !== '');
  if (judged.length === 0) return 'measured';
  const missed = judged.filter((v) => v === 'MISS').length;
  return missed === 0 ? 'PASS' : `MISS (${missed} of ${judged.length} rows)`;
}

/** Notes may hold query plans (several lines): those go in code blocks. */
function renderNote(note: string): string {
  const [first, ...rest] = note.split('\n');
  return rest.length ? `- ${first}\n\n  \`\`\`\n${rest.map((line) => `  ${line}`).join('\n')}\n  \`\`\`` : `- ${note}`;
}

export function renderResults(run: RunInfo, reports: readonly ScenarioReport[], findings: string): string {
  const m = run.machine;
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`${run.command}\` (bench/run-all.ts); do not edit by hand — rerun it.`,
    '',
    `- Date: ${run.startedAt.toISOString()} (took ${((run.finishedAt.getTime() - run.startedAt.getTime()) / 60000).toFixed(1)} min)`,
    `- Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb.toFixed(1)} GB RAM, ${m.os}`,
    `- Node ${m.node}, Postgres from ${m.postgres}`,
    `- Load average (1/5/15 min) before: ${run.loadBefore}; after: ${run.loadAfter}`,
    '',
    '## How it is measured',
    '',
    ...run.method.map((line) => `- ${line}`),
    '',
    '## Summary',
    '',
    '| scenario | targets | result |',
    '| --- | --- | --- |',
    ...reports.map((r) => `| ${r.id}. ${r.title} | ${r.targets.join('; ')} | ${summaryVerdict(r)} |`),
    '',
  ];
  for (const report of reports) {
    lines.push(`## ${report.id}. ${report.title}`, '', `Targets: ${report.targets.join('; ')}.`, '');
    if (report.notRun) {
      lines.push(`**Not run** — ${report.notRun}.`, '');
      continue;
    }
    if (report.table) lines.push(renderMarkdown(report.table), '');
    for (const extra of report.extraTables ?? []) lines.push(`**${extra.title}**`, '', renderMarkdown(extra.table), '');
    if (report.notes.length) lines.push(...report.notes.map(renderNote), '');
  }
  if (findings.trim()) lines.push('## Findings and what limits the rest', '', '(bench/FINDINGS.md, written by hand from profiles of these runs)', '', findings.trim(), '');
  return lines.join('\n');
}

export function writeResults(path: string, run: RunInfo, reports: readonly ScenarioReport[], findings: string): void {
  writeFileSync(path, renderResults(run, reports, findings));
}
