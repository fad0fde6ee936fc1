import type { Locale } from './locale';

/** What kind of turn the bot answered: small talk gets a reply of its own, without articles. */
export type BotAnswerKind = 'answer' | 'fallback' | 'greeting' | 'thanks' | 'not-helpful';

export interface BotAnswer {
  /** What to tell the player, in `locale`: an intro to the articles, a written answer, or a reply. */
  text: string;
  /** The language the bot answered in (the player's words may differ from their client's). */
  locale: Locale;
  kind?: BotAnswerKind;
  /** Set when articles are shown: the "did this help?" buttons carry it back to the bot. */
  feedbackId?: string;
  /** The buttons' labels, in `locale`. */
  feedbackLabels?: { yes: string; no: string };
  articles: { slug: string; title: string; excerpt: string; url: string }[];
  /** True when the bot found nothing useful and offers the live agent prominently. */
  fallback: boolean;
}

/** "Answer with the bot". */
export abstract class SupportBot {
  /** `locale` is the player's known language, used when the question does not tell. */
  abstract answer(question: string, locale: Locale): Promise<BotAnswer>;
  /** Whether a message asks for a person ("agent", "humano", "Mitarbeiter", ...). */
  abstract wantsHuman(text: string): boolean;
}
