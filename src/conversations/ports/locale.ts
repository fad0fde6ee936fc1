/** The languages the help chat speaks. The core owns this list; adapters and the bot import it. */
export const LOCALES = ['en', 'fr', 'es', 'de', 'pt'] as const;

export type Locale = (typeof LOCALES)[number];

/** Platform locales look like "en-US", "pt-BR", "fr": the core keeps the language, English otherwise. */
export function toLocale(value: string | null | undefined): Locale {
  const language = (value ?? '').slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}
