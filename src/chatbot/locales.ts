import type { Locale } from '../conversations/ports';

export const LOCALES: readonly Locale[] = ['en', 'fr', 'es', 'de', 'pt'];

/** Postgres text-search configuration per locale (matches the Article.search generated column). */
export const TEXT_SEARCH_CONFIG: Record<Locale, string> = {
  en: 'english',
  fr: 'french',
  es: 'spanish',
  de: 'german',
  pt: 'portuguese',
};

/** Discord locales are like "en-US", "pt-BR", "es-ES", "fr": we keep the language. */
export function toLocale(value: string | null | undefined): Locale {
  const language = (value ?? '').slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}
