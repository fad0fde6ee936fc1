/**
 * Questions players ask that no article answers (gameplay tips, release dates, other apps...), per
 * language, shipped with the bot. A message closer to one of them than to the best article's own
 * example questions is more likely "found nothing": the decision weighs the two (decision.ts).
 */
import type { Locale } from '../../conversations/ports';
import de from './out-of-scope/de.json';
import en from './out-of-scope/en.json';
import es from './out-of-scope/es.json';
import fr from './out-of-scope/fr.json';
import pt from './out-of-scope/pt.json';

export const OUT_OF_SCOPE: Readonly<Record<Locale, readonly string[]>> = { en, fr, es, de, pt };
