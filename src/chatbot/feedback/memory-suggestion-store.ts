import type { Locale } from '../../conversations/ports';
import { ArticleStats, SuggestionStore, VoteResult } from './suggestion-store';

/** Suggestions kept in memory: for the offline evaluation (eval/bot) and unit tests. */
export class MemorySuggestionStore extends SuggestionStore {
  readonly rows = new Map<string, { locale: Locale; slugs: string[]; helpful?: boolean; voterId?: string; at?: number }>();

  record(id: string, locale: Locale, slugs: string[]): Promise<void> {
    this.rows.set(id, { locale, slugs });
    return Promise.resolve();
  }

  vote(id: string, helpful: boolean, voterId: string): Promise<VoteResult> {
    const row = this.rows.get(id);
    if (!row) return Promise.reject(new Error(`Suggestion ${id} not found`));
    const recorded = row.helpful === undefined;
    if (recorded) Object.assign(row, { helpful, voterId, at: Date.now() });
    const recentNo = [...this.rows.values()].filter((r) => r.voterId === voterId && r.helpful === false && Date.now() - (r.at ?? 0) < 3_600_000).length;
    return Promise.resolve({ recorded, locale: row.locale, recentNo });
  }

  stats(): Promise<ArticleStats[]> {
    const stats = new Map<string, ArticleStats>();
    for (const row of this.rows.values()) {
      for (const slug of row.slugs) {
        const key = `${row.locale}/${slug}`;
        const entry = stats.get(key) ?? { locale: row.locale, slug, suggested: 0, helpful: 0, notHelpful: 0 };
        entry.suggested++;
        if (row.helpful === true) entry.helpful++;
        if (row.helpful === false) entry.notHelpful++;
        stats.set(key, entry);
      }
    }
    return Promise.resolve([...stats.values()]);
  }
}
