import type { Locale } from '../../conversations/ports';

export interface SourceArticle {
  slug: string;
  title: string;
  body: string;
  url: string;
}

export type WrittenAnswer =
  | { kind: 'answer'; text: string; cited: string[] }
  /** The articles do not cover the question: the bot falls back to a person. */
  | { kind: 'not-covered' }
  /** Off, timed out, failed or rejected by the checks: the bot shows the article list instead. */
  | { kind: 'unavailable'; reason: string };

/** Writes a short answer from retrieved articles only (optional; see ChatCompletionsWriter). */
export abstract class AnswerWriter {
  abstract readonly enabled: boolean;
  abstract write(question: string, locale: Locale, articles: SourceArticle[]): Promise<WrittenAnswer>;
}

export class DisabledAnswerWriter extends AnswerWriter {
  readonly enabled = false;
  write(): Promise<WrittenAnswer> {
    return Promise.resolve({ kind: 'unavailable', reason: 'off' });
  }
}
