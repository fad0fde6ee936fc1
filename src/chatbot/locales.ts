import { LOCALES, Locale, toLocale } from '../conversations/ports';

export { LOCALES, toLocale };
