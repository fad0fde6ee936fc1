import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { BotAnswer, Locale, SupportBot } from '../conversations/ports';
import { ArticlesService } from './articles.service';
import { detectLocale } from './locales';

/**
 * Words that ask for a person, in the five languages. Matched on word boundaries after lowercasing
 * and removing accents, so "Mitarbeiter", "atendente" or "hablar con un humano" all count.
 */
const HUMAN_PATTERNS = [
  // en
  /\b(live|real|human)\s+(agent|person|support|being)\b/, /\b(talk|speak|chat)\s+(to|with)\s+(a\s+|an\s+|someone|somebody|human|person|agent|staff)/,
  /\b(agent|human|operator|representative|someone real)\b/,
  // fr
  /\b(conseill(er|ere)|agent|humain|operateur|vraie personne|personne reelle)\b/, /\bparler a (un|une|quelqu)/,
  // es
  /\b(humano|agente|asesor|operador|persona real)\b/, /\bhablar con (un|una|alguien)/,
  // de
  /\b(mitarbeiter(in)?|mensch(en)?|berater(in)?|echte person|support-?mitarbeiter|kundendienst)\b/, /\bmit (einem|einer|jemandem) (sprechen|reden)/,
  // pt
  /\b(atendente|humano|agente|pessoa real|operador)\b/, /\bfalar com (um|uma|alguem)/,
];

export function normalise(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

@Injectable()
export class FaqBot extends SupportBot {
  constructor(
    private readonly articles: ArticlesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  wantsHuman(text: string): boolean {
    const plain = normalise(text);
    return HUMAN_PATTERNS.some((pattern) => pattern.test(plain));
  }

  /** Answers in the language the question is written in when that is clear, else in the player's. */
  async answer(question: string, playerLocale: Locale): Promise<BotAnswer> {
    const locale = detectLocale(question) ?? playerLocale;
    const hits = await this.articles.search(question, locale, 3);
    return {
      locale,
      fallback: hits.length === 0,
      articles: hits.map((hit) => ({
        slug: hit.slug,
        title: hit.title,
        excerpt: hit.excerpt.replace(/\s+/g, ' ').trim().slice(0, 300),
        url: this.articleUrl(locale, hit.slug),
      })),
    };
  }

  articleUrl(locale: string, slug: string): string {
    const base = (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/$/, '');
    return `${base}/kb/${locale}/${slug}`;
  }
}
