import { words } from './fold';

/**
 * Words of an opinion or strategy question ("best team for pvp", "qual o melhor inicial", "welcher
 * ist der stärkste"): players ask the bot those too, and no support article answers them. One of
 * the "found nothing" decision's inputs; the model weighs it (a support question may say "better").
 */
const ADVICE = new Set(
  `best strongest better worth recommend recommended tier meta fastest optimal
   meilleur meilleure meilleurs meilleures mieux conseillez conseiller rentable
   mejor mejores recomiendan recomiendas recomendas conviene fuerte
   beste besten bester bestes besser starkste starkster starksten empfehlt empfehlen lohnt
   melhor melhores recomendam recomenda compensa forte`.split(/\s+/),
);

export function asksForAdvice(text: string): boolean {
  return words(text).some((word) => ADVICE.has(word));
}
