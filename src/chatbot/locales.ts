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
