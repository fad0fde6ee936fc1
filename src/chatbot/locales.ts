import { LOCALES, Locale, toLocale } from '../conversations/ports';

export { LOCALES, toLocale };

/** Postgres text-search configuration per locale (matches the Article.search generated column). */
export const TEXT_SEARCH_CONFIG: Record<Locale, string> = {
  en: 'english',
  fr: 'french',
  es: 'spanish',
  de: 'german',
  pt: 'portuguese',
};

const STOP_WORDS: Record<Locale, string[]> = {
  en: ['the', 'and', 'is', 'my', 'i', 'you', 'to', 'it', 'not', 'can', 'with', 'what', 'how', 'why', 'want'],
  fr: ['le', 'la', 'les', 'et', 'est', 'mon', 'ma', 'mes', 'je', 'pas', 'une', 'des', 'pour', 'avec', 'comment', 'pourquoi', 'ne', 'veux'],
  es: ['el', 'los', 'las', 'y', 'es', 'mi', 'mis', 'yo', 'no', 'una', 'para', 'con', 'como', 'cómo', 'por', 'qué', 'puedo', 'quiero'],
  de: ['der', 'die', 'das', 'und', 'ist', 'mein', 'meine', 'ich', 'nicht', 'ein', 'eine', 'mit', 'wie', 'warum', 'kann', 'möchte'],
  pt: ['o', 'os', 'as', 'e', 'é', 'meu', 'minha', 'eu', 'não', 'uma', 'para', 'com', 'como', 'por', 'que', 'posso', 'quero', 'consigo'],
};

/**
 * A cheap guess of a message's language from its function words; null when unsure. Used when a
 * player writes in another language than their Discord client's.
 */
export function detectLocale(text: string): Locale | null {
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const scores = LOCALES.map((locale) => ({ locale, score: words.filter((w) => STOP_WORDS[locale].includes(w)).length }));
  scores.sort((a, b) => b.score - a.score);
  if (scores[0].score >= 2 && scores[0].score >= 2 * scores[1].score) return scores[0].locale;
  return null;
}
