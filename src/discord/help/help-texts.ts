import type { Locale } from '../../conversations/ports';

/** What only Discord's side of the help chat says (the slash command's answers). */
const TEXTS = {
  helpmeConfirm: {
    en: "I've sent you a direct message. Let's continue there!",
    fr: 'Je viens de t\'envoyer un message privé. On continue là-bas !',
    es: 'Te he enviado un mensaje directo. ¡Sigamos allí!',
    de: 'Ich habe dir eine Direktnachricht geschickt. Lass uns dort weitermachen!',
    pt: 'Enviei uma mensagem direta para você. Vamos continuar por lá!',
  },
  dmClosed: {
    en: "I can't send you direct messages. Please allow DMs from server members (Server menu → Privacy Settings → Direct Messages), then run /helpme again.",
    fr: "Je ne peux pas t'envoyer de messages privés. Autorise les MP des membres du serveur (menu du serveur → Paramètres de confidentialité → Messages privés), puis relance /helpme.",
    es: 'No puedo enviarte mensajes directos. Permite los MD de los miembros del servidor (menú del servidor → Ajustes de privacidad → Mensajes directos) y vuelve a usar /helpme.',
    de: 'Ich kann dir keine Direktnachrichten senden. Erlaube DMs von Servermitgliedern (Servermenü → Privatsphäre-Einstellungen → Direktnachrichten) und nutze dann erneut /helpme.',
    pt: 'Não consigo enviar mensagens diretas para você. Permita DMs de membros do servidor (menu do servidor → Configurações de privacidade → Mensagens diretas) e use /helpme de novo.',
  },
} satisfies Record<string, Record<Locale, string>>;

export function helpText(locale: Locale, key: keyof typeof TEXTS): string {
  return TEXTS[key][locale];
}
