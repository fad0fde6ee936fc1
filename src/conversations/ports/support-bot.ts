import type { Locale } from './locale';

export interface BotAnswer {
  /** The language the bot answered in (the player's words may differ from their client's). */
  locale: Locale;
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
