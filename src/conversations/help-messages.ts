import type { Locale } from './ports/locale';

/** The line before a list of help articles: the help chat's and the bot's answers say it alike. */
export const ARTICLES_FOUND: Record<Locale, string> = {
  en: 'Here is what I found:',
  fr: "Voici ce que j'ai trouvé :",
  es: 'Esto es lo que encontré:',
  de: 'Das habe ich gefunden:',
  pt: 'Veja o que encontrei:',
};

/** What the help chat says to players, in their language. `{n}` and `{name}` are filled in. */
const MESSAGES = {
  greeting: {
    en: "Hi {name}! I'm the support bot. Ask me anything about the game and I'll find help articles. You can ask for a live agent at any time.",
    fr: "Bonjour {name} ! Je suis le bot du support. Pose-moi ta question sur le jeu et je te trouverai des articles d'aide. Tu peux demander un conseiller à tout moment.",
    es: '¡Hola {name}! Soy el bot de soporte. Pregúntame lo que quieras sobre el juego y buscaré artículos de ayuda. Puedes pedir un agente en cualquier momento.',
    de: 'Hallo {name}! Ich bin der Support-Bot. Frag mich alles zum Spiel und ich suche passende Hilfeartikel. Du kannst jederzeit einen Mitarbeiter anfordern.',
    pt: 'Olá {name}! Eu sou o bot de suporte. Pergunte qualquer coisa sobre o jogo e vou procurar artigos de ajuda. Você pode pedir um atendente a qualquer momento.',
  },
  articlesFound: ARTICLES_FOUND,
  nothingFound: {
    en: "I couldn't find an article about that. Try other words, or talk to a live agent.",
    fr: "Je n'ai pas trouvé d'article à ce sujet. Essaie d'autres mots, ou parle à un conseiller.",
    es: 'No encontré ningún artículo sobre eso. Prueba con otras palabras o habla con un agente.',
    de: 'Dazu habe ich keinen Artikel gefunden. Versuch es mit anderen Worten oder sprich mit einem Mitarbeiter.',
    pt: 'Não encontrei nenhum artigo sobre isso. Tente outras palavras ou fale com um atendente.',
  },
  agentButton: {
    en: 'Talk to a live agent',
    fr: 'Parler à un conseiller',
    es: 'Hablar con un agente',
    de: 'Mit einem Mitarbeiter sprechen',
    pt: 'Falar com um atendente',
  },
  transferring: {
    en: 'Case #{n} has been created for you. Transferring you to a live agent, please stay in this chat.',
    fr: 'Le dossier #{n} a été créé pour toi. Je te transfère à un conseiller, reste dans cette conversation.',
    es: 'Se ha creado el caso #{n} para ti. Te estoy transfiriendo a un agente, quédate en este chat.',
    de: 'Der Fall #{n} wurde für dich erstellt. Ich verbinde dich mit einem Mitarbeiter, bitte bleib in diesem Chat.',
    pt: 'O caso #{n} foi criado para você. Estou transferindo você para um atendente, fique nesta conversa.',
  },
  alreadyTransferring: {
    en: 'You are already in the queue for a live agent (case #{n}). An agent will be with you soon.',
    fr: 'Tu es déjà en attente d\'un conseiller (dossier #{n}). Quelqu\'un arrive bientôt.',
    es: 'Ya estás en la cola para un agente (caso #{n}). Alguien te atenderá pronto.',
    de: 'Du wartest bereits auf einen Mitarbeiter (Fall #{n}). Gleich ist jemand für dich da.',
    pt: 'Você já está na fila para um atendente (caso #{n}). Alguém vai atender você em breve.',
  },
  agentJoined: {
    en: '{name} from the support team has joined the chat.',
    fr: "{name} de l'équipe support a rejoint la conversation.",
    es: '{name} del equipo de soporte se ha unido al chat.',
    de: '{name} vom Support-Team ist dem Chat beigetreten.',
    pt: '{name} da equipe de suporte entrou na conversa.',
  },
  noAgentFree: {
    en: 'No agent is free right now. Your case #{n} stays open and the support team will answer you here as soon as they can.',
    fr: "Aucun conseiller n'est disponible pour le moment. Ton dossier #{n} reste ouvert et l'équipe support te répondra ici dès que possible.",
    es: 'Ahora mismo no hay ningún agente libre. Tu caso #{n} sigue abierto y el equipo de soporte te responderá aquí lo antes posible.',
    de: 'Gerade ist kein Mitarbeiter frei. Dein Fall #{n} bleibt offen und das Support-Team antwortet dir hier, sobald es kann.',
    pt: 'Nenhum atendente está livre agora. Seu caso #{n} continua aberto e a equipe de suporte vai responder aqui assim que puder.',
  },
  anAgent: {
    en: 'An agent',
    fr: 'Un conseiller',
    es: 'Un agente',
    de: 'Ein Mitarbeiter',
    pt: 'Um atendente',
  },
  relayFailed: {
    en: "Sorry, your last message could not reach the support team. Please send it again in a few minutes.",
    fr: "Désolé, ton dernier message n'a pas pu être transmis à l'équipe support. Renvoie-le dans quelques minutes.",
    es: 'Lo sentimos, tu último mensaje no pudo llegar al equipo de soporte. Vuelve a enviarlo en unos minutos.',
    de: 'Entschuldigung, deine letzte Nachricht konnte das Support-Team nicht erreichen. Bitte sende sie in ein paar Minuten erneut.',
    pt: 'Desculpe, sua última mensagem não chegou à equipe de suporte. Envie de novo em alguns minutos.',
  },
  chatClosed: {
    en: 'This chat has been closed. Thanks for reaching out! Send a message or use /helpme if you need anything else.',
    fr: "Cette conversation est terminée. Merci de nous avoir contactés ! Envoie un message ou utilise /helpme si tu as besoin d'autre chose.",
    es: 'Este chat se ha cerrado. ¡Gracias por escribirnos! Envía un mensaje o usa /helpme si necesitas algo más.',
    de: 'Dieser Chat wurde geschlossen. Danke für deine Nachricht! Schreib uns oder nutze /helpme, wenn du noch etwas brauchst.',
    pt: 'Esta conversa foi encerrada. Obrigado pelo contato! Envie uma mensagem ou use /helpme se precisar de mais alguma coisa.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type HelpMessageKey = keyof typeof MESSAGES;

export function helpMessage(locale: Locale, key: HelpMessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
