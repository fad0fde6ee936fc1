import type { Locale } from '../ports/locale';

/** What the lifecycle says to players, in their language; `{n}`, `{name}`, `{when}`, `{hours}` are filled in. */
const MESSAGES = {
  supportAway: {
    en: 'Our support team is away right now. Your case #{n} is saved and someone will be back {when}.',
    fr: "L'équipe support est absente pour le moment. Ton dossier #{n} est enregistré et quelqu'un sera de retour {when}.",
    es: 'El equipo de soporte no está disponible ahora. Tu caso #{n} está guardado y alguien volverá {when}.',
    de: 'Das Support-Team ist gerade nicht da. Dein Fall #{n} ist gespeichert, und ab {when} ist wieder jemand für dich da.',
    pt: 'A equipe de suporte está ausente agora. Seu caso #{n} foi salvo e alguém estará de volta {when}.',
  },
  staleReminder: {
    en: 'Are you still there? The support team is waiting for your answer. This chat will close in {hours} hours if we do not hear from you.',
    fr: "Tu es toujours là ? L'équipe support attend ta réponse. Cette conversation sera fermée dans {hours} heures sans nouvelles de ta part.",
    es: '¿Sigues ahí? El equipo de soporte espera tu respuesta. Este chat se cerrará en {hours} horas si no sabemos de ti.',
    de: 'Bist du noch da? Das Support-Team wartet auf deine Antwort. Dieser Chat wird in {hours} Stunden geschlossen, wenn wir nichts von dir hören.',
    pt: 'Você ainda está aí? A equipe de suporte está esperando sua resposta. Esta conversa será encerrada em {hours} horas se não tivermos notícias suas.',
  },
  autoClosed: {
    en: 'We closed this chat because we did not hear back from you. Send a message or use /helpme if you still need help.',
    fr: "Nous avons fermé cette conversation faute de réponse. Envoie un message ou utilise /helpme si tu as encore besoin d'aide.",
    es: 'Cerramos este chat porque no recibimos respuesta. Envía un mensaje o usa /helpme si todavía necesitas ayuda.',
    de: 'Wir haben diesen Chat geschlossen, weil wir nichts mehr von dir gehört haben. Schreib uns oder nutze /helpme, wenn du noch Hilfe brauchst.',
    pt: 'Encerramos esta conversa porque não tivemos resposta. Envie uma mensagem ou use /helpme se ainda precisar de ajuda.',
  },
  csatQuestion: {
    en: 'How did we do? Rate this chat from 1 (bad) to 5 (great).',
    fr: 'Comment nous sommes-nous débrouillés ? Note cette conversation de 1 (mauvais) à 5 (excellent).',
    es: '¿Qué tal lo hicimos? Valora este chat de 1 (mal) a 5 (genial).',
    de: 'Wie waren wir? Bewerte diesen Chat von 1 (schlecht) bis 5 (super).',
    pt: 'Como nos saímos? Avalie esta conversa de 1 (ruim) a 5 (ótima).',
  },
  csatCommentTitle: {
    en: 'Thanks! Anything to add?',
    fr: 'Merci ! Un mot à ajouter ?',
    es: '¡Gracias! ¿Algo que añadir?',
    de: 'Danke! Möchtest du etwas ergänzen?',
    pt: 'Obrigado! Algo a acrescentar?',
  },
  csatCommentLabel: {
    en: 'Your comment (optional)',
    fr: 'Ton commentaire (facultatif)',
    es: 'Tu comentario (opcional)',
    de: 'Dein Kommentar (optional)',
    pt: 'Seu comentário (opcional)',
  },
  csatThanks: {
    en: 'Thank you for your feedback!',
    fr: 'Merci pour ton avis !',
    es: '¡Gracias por tu opinión!',
    de: 'Danke für dein Feedback!',
    pt: 'Obrigado pela sua opinião!',
  },
  csatAlready: {
    en: 'You already rated this chat. Thank you!',
    fr: 'Tu as déjà noté cette conversation. Merci !',
    es: 'Ya valoraste este chat. ¡Gracias!',
    de: 'Du hast diesen Chat schon bewertet. Danke!',
    pt: 'Você já avaliou esta conversa. Obrigado!',
  },
} satisfies Record<string, Record<Locale, string>>;

export type LifecycleMessageKey = keyof typeof MESSAGES;

export function lifecycleMessage(locale: Locale, key: LifecycleMessageKey, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
