import { ARTICLES_FOUND } from '../conversations/help-messages';
import type { Locale } from '../conversations/ports';

/** What the bot itself says, in the player's language. */
const MESSAGES = {
  found: ARTICLES_FOUND,
  nothingFound: {
    en: "I couldn't find an article that answers this. A person from the support team can help: use the button below.",
    fr: "Je n'ai pas trouvé d'article qui répond à ça. Quelqu'un de l'équipe support peut t'aider : utilise le bouton ci-dessous.",
    es: 'No encontré ningún artículo que responda a esto. Una persona del equipo de soporte puede ayudarte: usa el botón de abajo.',
    de: 'Dazu habe ich keinen passenden Artikel gefunden. Jemand aus dem Support-Team kann dir helfen: nutze den Button unten.',
    pt: 'Não encontrei nenhum artigo que responda a isso. Uma pessoa da equipe de suporte pode ajudar: use o botão abaixo.',
  },
  greeting: {
    en: "Hi! Tell me what's going on in the game and I'll look for help. You can also ask for a person at any time.",
    fr: "Salut ! Dis-moi ce qui se passe dans le jeu et je cherche de l'aide. Tu peux aussi demander une personne à tout moment.",
    es: '¡Hola! Cuéntame qué pasa en el juego y buscaré ayuda. También puedes pedir una persona cuando quieras.',
    de: 'Hallo! Erzähl mir, was im Spiel los ist, und ich suche Hilfe. Du kannst jederzeit nach einer Person fragen.',
    pt: 'Oi! Me conta o que está acontecendo no jogo e eu procuro ajuda. Você também pode pedir uma pessoa a qualquer momento.',
  },
  thanks: {
    en: "You're welcome! Write again if anything else comes up.",
    fr: "Avec plaisir ! Écris-moi si tu as besoin d'autre chose.",
    es: '¡De nada! Escríbeme si necesitas algo más.',
    de: 'Gern geschehen! Schreib mir, wenn noch etwas ist.',
    pt: 'De nada! Escreva de novo se precisar de mais alguma coisa.',
  },
  notHelpful: {
    en: "Sorry that didn't help. Describe the problem in other words, or talk to a person from the support team:",
    fr: "Désolé, ça n'a pas aidé. Décris le problème autrement, ou parle à quelqu'un de l'équipe support :",
    es: 'Siento que no haya servido. Describe el problema con otras palabras o habla con una persona del equipo de soporte:',
    de: 'Schade, dass das nicht geholfen hat. Beschreib das Problem mit anderen Worten oder sprich mit jemandem aus dem Support-Team:',
    pt: 'Desculpe, isso não ajudou. Descreva o problema com outras palavras ou fale com uma pessoa da equipe de suporte:',
  },
  feedbackQuestion: { en: 'Did this help?', fr: 'Est-ce que ça a aidé ?', es: '¿Te sirvió?', de: 'Hat das geholfen?', pt: 'Isso ajudou?' },
  feedbackYes: { en: 'Yes, thanks', fr: 'Oui, merci', es: 'Sí, gracias', de: 'Ja, danke', pt: 'Sim, obrigado' },
  feedbackNo: { en: 'No', fr: 'Non', es: 'No', de: 'Nein', pt: 'Não' },
  feedbackGlad: {
    en: 'Glad it helped!',
    fr: "Content que ça t'ait aidé !",
    es: '¡Me alegra que te haya servido!',
    de: 'Schön, dass es geholfen hat!',
    pt: 'Que bom que ajudou!',
  },
  feedbackAgain: {
    en: 'Thanks for telling me. Try describing it in other words, or talk to a person:',
    fr: "Merci de me l'avoir dit. Essaie de le décrire autrement, ou parle à une personne :",
    es: 'Gracias por decírmelo. Intenta describirlo de otra forma o habla con una persona:',
    de: 'Danke für die Rückmeldung. Beschreib es anders oder sprich mit einer Person:',
    pt: 'Obrigado por avisar. Tente descrever de outro jeito ou fale com uma pessoa:',
  },
  feedbackOfferAgent: {
    en: "I'm sorry I couldn't find the right answer. A person from the support team can take over: press the button to talk to them.",
    fr: "Désolé de ne pas avoir trouvé la bonne réponse. Une personne de l'équipe support peut prendre le relais : appuie sur le bouton pour lui parler.",
    es: 'Siento no haber encontrado la respuesta. Una persona del equipo de soporte puede ayudarte: pulsa el botón para hablar con ella.',
    de: 'Tut mir leid, dass ich nicht die richtige Antwort gefunden habe. Jemand aus dem Support-Team kann übernehmen: drück den Button, um mit ihm zu sprechen.',
    pt: 'Desculpe não ter encontrado a resposta certa. Uma pessoa da equipe de suporte pode assumir: aperte o botão para falar com ela.',
  },
  sources: { en: 'Sources', fr: 'Sources', es: 'Fuentes', de: 'Quellen', pt: 'Fontes' },
} satisfies Record<string, Record<Locale, string>>;

export type BotMessageKey = keyof typeof MESSAGES;

export function botMessage(locale: Locale, key: BotMessageKey): string {
  return MESSAGES[key][locale];
}
