import type { Locale } from '../../conversations/ports';

/**
 * Words almost every player message about the game contains ("the game", "jouer", "Spiel", "help"):
 * an article matching only these is no answer. Not stop words (an article may be about "the app"),
 * only left out when the "found nothing" decision asks whether the question's own topic is covered.
 * Question words too ("when", "wann", "quantos"): articles list them in aliases ("when is the next event").
 */
const LISTS: Record<Locale, string> = {
  en: 'game games play playing played app help problem issue question thing work works working when how many much what where which mean means creature creatures monster monsters mon mons',
  fr: 'jeu jeux jouer joue jouez appli application aide aider probleme souci question marche fonctionne quand combien ou quoi quel signifie veut dire creature creatures bestiole bestioles',
  es: 'juego juegos jugar juega app aplicacion ayuda ayudar problema duda pregunta funciona cuando cuanto cuantos cuanta cuantas donde cual significa criatura criaturas bicho bichos',
  de: 'spiel spiele spielen spielt zocken app hilfe helfen problem frage geht funktioniert wann wieviel wieviele viele wo welche welcher welches bedeutet kreatur kreaturen viech viecher',
  pt: 'jogo jogos jogar joga app aplicativo ajuda ajudar problema duvida pergunta funciona quando quanto quantos quanta quantas onde qual significa criatura criaturas bicho bichos',
};

export const GENERIC_WORDS: Record<Locale, string> = LISTS;
