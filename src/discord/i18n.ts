import type { LocalizationMap } from 'discord.js';
import type { Locale } from '../conversations/ports';
import { REPORT_MESSAGES } from './reports/report-messages';

/**
 * What the bot says on Discord, per language. To add a message: add a key with at least `en`
 * (missing languages fall back to English). `{name}` placeholders are filled from `params`.
 */
const MESSAGES = {
  // ---- case embeds ----
  'case.title': { en: 'Case #{n}: {title}', fr: 'Dossier #{n} : {title}', es: 'Caso #{n}: {title}', de: 'Fall #{n}: {title}', pt: 'Caso #{n}: {title}' },
  'case.status': { en: 'Status', fr: 'Statut', es: 'Estado', de: 'Status', pt: 'Status' },
  'case.type': { en: 'Type', fr: 'Type', es: 'Tipo', de: 'Art', pt: 'Tipo' },
  'case.priority': { en: 'Priority', fr: 'Priorité', es: 'Prioridad', de: 'Priorität', pt: 'Prioridade' },
  'case.reporter': { en: 'Reported by', fr: 'Signalé par', es: 'Informado por', de: 'Gemeldet von', pt: 'Relatado por' },
  'case.opened': { en: 'Opened', fr: 'Ouvert', es: 'Abierto', de: 'Eröffnet', pt: 'Aberto' },
  'case.screenshot': { en: 'Screenshot', fr: "Capture d'écran", es: 'Captura de pantalla', de: 'Screenshot', pt: 'Captura de tela' },
  'case.filed.BUG': {
    en: 'Thanks {name}! The team will look into this bug.',
    fr: "Merci {name} ! L'équipe va examiner ce bug.",
    es: '¡Gracias {name}! El equipo revisará este error.',
    de: 'Danke {name}! Das Team sieht sich diesen Fehler an.',
    pt: 'Obrigado {name}! A equipe vai analisar este bug.',
  },
  'case.filed.FEATURE': {
    en: 'Thanks {name}! The team will read your idea.',
    fr: "Merci {name} ! L'équipe va lire ton idée.",
    es: '¡Gracias {name}! El equipo leerá tu idea.',
    de: 'Danke {name}! Das Team liest sich deine Idee durch.',
    pt: 'Obrigado {name}! A equipe vai ler sua ideia.',
  },
  'type.BUG': { en: 'Bug', fr: 'Bug', es: 'Error', de: 'Fehler', pt: 'Bug' },
  'type.FEATURE': { en: 'Feature request', fr: 'Suggestion', es: 'Sugerencia', de: 'Funktionswunsch', pt: 'Sugestão' },
  'type.HELP': { en: 'Help request', fr: "Demande d'aide", es: 'Solicitud de ayuda', de: 'Hilfeanfrage', pt: 'Pedido de ajuda' },
  'status.OPEN': { en: 'Open', fr: 'Ouvert', es: 'Abierto', de: 'Offen', pt: 'Aberto' },
  'status.IN_PROGRESS': { en: 'In progress', fr: 'En cours', es: 'En curso', de: 'In Bearbeitung', pt: 'Em andamento' },
  'status.WAITING': { en: 'Waiting for you', fr: 'En attente de ta réponse', es: 'Esperando tu respuesta', de: 'Wartet auf dich', pt: 'Aguardando você' },
  'status.RESOLVED': { en: 'Resolved', fr: 'Résolu', es: 'Resuelto', de: 'Gelöst', pt: 'Resolvido' },
  'status.CLOSED': { en: 'Closed', fr: 'Fermé', es: 'Cerrado', de: 'Geschlossen', pt: 'Fechado' },
  'priority.LOW': { en: 'Low', fr: 'Basse', es: 'Baja', de: 'Niedrig', pt: 'Baixa' },
  'priority.NORMAL': { en: 'Normal', fr: 'Normale', es: 'Normal', de: 'Normal', pt: 'Normal' },
  'priority.HIGH': { en: 'High', fr: 'Haute', es: 'Alta', de: 'Hoch', pt: 'Alta' },
  'priority.URGENT': { en: 'Urgent', fr: 'Urgente', es: 'Urgente', de: 'Dringend', pt: 'Urgente' },

  // ---- /bug and /new_feature input ----
  'report.titleLength': {
    en: 'The title must be {min} to {max} characters long (yours has {length}).',
    fr: 'Le titre doit faire entre {min} et {max} caractères (le tien en a {length}).',
    es: 'El título debe tener entre {min} y {max} caracteres (el tuyo tiene {length}).',
    de: 'Der Titel muss {min} bis {max} Zeichen lang sein (deiner hat {length}).',
    pt: 'O título deve ter de {min} a {max} caracteres (o seu tem {length}).',
  },
  'report.descriptionLength': {
    en: 'The description must be {min} to {max} characters long (yours has {length}).',
    fr: 'La description doit faire entre {min} et {max} caractères (la tienne en a {length}).',
    es: 'La descripción debe tener entre {min} y {max} caracteres (la tuya tiene {length}).',
    de: 'Die Beschreibung muss {min} bis {max} Zeichen lang sein (deine hat {length}).',
    pt: 'A descrição deve ter de {min} a {max} caracteres (a sua tem {length}).',
  },
  'report.screenshotNotImage': {
    en: 'The screenshot must be an image (PNG, JPEG, GIF or WebP).',
    fr: "La capture d'écran doit être une image (PNG, JPEG, GIF ou WebP).",
    es: 'La captura de pantalla debe ser una imagen (PNG, JPEG, GIF o WebP).',
    de: 'Der Screenshot muss ein Bild sein (PNG, JPEG, GIF oder WebP).',
    pt: 'A captura de tela deve ser uma imagem (PNG, JPEG, GIF ou WebP).',
  },
  'report.screenshotTooLarge': {
    en: 'The screenshot is too large ({size}); the limit is {max}.',
    fr: "La capture d'écran est trop lourde ({size}) ; la limite est de {max}.",
    es: 'La captura de pantalla es demasiado grande ({size}); el límite es {max}.',
    de: 'Der Screenshot ist zu groß ({size}); die Grenze liegt bei {max}.',
    pt: 'A captura de tela é grande demais ({size}); o limite é {max}.',
  },
  'report.screenshotDownloadFailed': {
    en: "I couldn't fetch your screenshot from Discord. Please try again in a moment.",
    fr: "Je n'ai pas pu récupérer ta capture d'écran sur Discord. Réessaie dans un instant.",
    es: 'No pude obtener tu captura de pantalla de Discord. Inténtalo de nuevo en un momento.',
    de: 'Ich konnte deinen Screenshot nicht von Discord laden. Versuch es gleich noch einmal.',
    pt: 'Não consegui obter sua captura de tela do Discord. Tente novamente em instantes.',
  },
  // ---- files and messages in the help DM ----
  'dm.fileTooLarge': {
    en: '`{name}` was not received: files may be up to {max}.',
    fr: "`{name}` n'a pas été reçu : les fichiers peuvent faire jusqu'à {max}.",
    es: '`{name}` no se recibió: los archivos pueden ocupar hasta {max}.',
    de: '`{name}` wurde nicht angenommen: Dateien dürfen höchstens {max} groß sein.',
    pt: '`{name}` não foi recebido: os arquivos podem ter até {max}.',
  },
  'dm.fileType': {
    en: '`{name}` was not received: send images, short videos or text/log files.',
    fr: "`{name}` n'a pas été reçu : envoie des images, des vidéos courtes ou des fichiers texte/log.",
    es: '`{name}` no se recibió: envía imágenes, vídeos cortos o archivos de texto/log.',
    de: '`{name}` wurde nicht angenommen: schick Bilder, kurze Videos oder Text-/Logdateien.',
    pt: '`{name}` não foi recebido: envie imagens, vídeos curtos ou arquivos de texto/log.',
  },
  'dm.fileTooMany': {
    en: '`{name}` was not received: up to {max} files per message.',
    fr: "`{name}` n'a pas été reçu : {max} fichiers au plus par message.",
    es: '`{name}` no se recibió: hasta {max} archivos por mensaje.',
    de: '`{name}` wurde nicht angenommen: höchstens {max} Dateien pro Nachricht.',
    pt: '`{name}` não foi recebido: até {max} arquivos por mensagem.',
  },
  'dm.fileQuota': {
    en: '`{name}` was not received: it would pass your daily limit of {max} of files. Describe the problem in words, or try again tomorrow.',
    fr: "`{name}` n'a pas été reçu : il dépasserait ta limite de {max} de fichiers par jour. Décris le problème par écrit, ou réessaie demain.",
    es: '`{name}` no se recibió: superaría tu límite diario de {max} en archivos. Describe el problema por escrito o inténtalo mañana.',
    de: '`{name}` wurde nicht angenommen: damit wäre dein Tageslimit von {max} an Dateien überschritten. Beschreib das Problem in Worten oder versuch es morgen.',
    pt: '`{name}` não foi recebido: passaria do seu limite diário de {max} em arquivos. Descreva o problema por escrito ou tente amanhã.',
  },
  'dm.fileFailed': {
    en: "`{name}` could not be fetched from Discord. Please send it again in a moment.",
    fr: "`{name}` n'a pas pu être récupéré sur Discord. Renvoie-le dans un instant.",
    es: '`{name}` no se pudo obtener de Discord. Envíalo de nuevo en un momento.',
    de: '`{name}` konnte nicht von Discord geladen werden. Schick die Datei gleich noch einmal.',
    pt: '`{name}` não pôde ser obtido do Discord. Envie de novo em instantes.',
  },
  'dm.tooFast': {
    en: "You're sending messages faster than we can read them. Please wait {seconds} s; messages sent until then are not received.",
    fr: 'Tu envoies des messages plus vite que nous ne pouvons les lire. Attends {seconds} s ; les messages envoyés d’ici là ne sont pas reçus.',
    es: 'Estás enviando mensajes más rápido de lo que podemos leerlos. Espera {seconds} s; los mensajes enviados hasta entonces no se reciben.',
    de: 'Du schickst Nachrichten schneller, als wir sie lesen können. Warte bitte {seconds} s; bis dahin gesendete Nachrichten kommen nicht an.',
    pt: 'Você está enviando mensagens mais rápido do que conseguimos ler. Aguarde {seconds} s; mensagens enviadas até lá não são recebidas.',
  },
  'report.wrongChannel': {
    en: 'Please use /{command} in {channels}.',
    fr: 'Utilise /{command} dans {channels}.',
    es: 'Usa /{command} en {channels}.',
    de: 'Bitte nutze /{command} in {channels}.',
    pt: 'Use /{command} em {channels}.',
  },
  'report.serverOnly': {
    en: 'This command works in the community server only.',
    fr: 'Cette commande ne marche que sur le serveur de la communauté.',
    es: 'Este comando solo funciona en el servidor de la comunidad.',
    de: 'Dieser Befehl funktioniert nur auf dem Community-Server.',
    pt: 'Este comando só funciona no servidor da comunidade.',
  },

  // ---- /case ----
  'cases.listTitle': { en: 'Your latest cases', fr: 'Tes derniers dossiers', es: 'Tus últimos casos', de: 'Deine letzten Fälle', pt: 'Seus casos mais recentes' },
  'cases.empty': {
    en: "You haven't filed any case yet. Use /bug or /new_feature to send one.",
    fr: "Tu n'as encore aucun dossier. Utilise /bug ou /new_feature pour en créer un.",
    es: 'Aún no tienes ningún caso. Usa /bug o /new_feature para enviar uno.',
    de: 'Du hast noch keinen Fall. Nutze /bug oder /new_feature, um einen zu melden.',
    pt: 'Você ainda não tem nenhum caso. Use /bug ou /new_feature para enviar um.',
  },
  'cases.notFound': {
    en: "I couldn't find case #{n} among your cases.",
    fr: 'Je ne trouve pas le dossier #{n} parmi les tiens.',
    es: 'No encuentro el caso #{n} entre los tuyos.',
    de: 'Ich finde den Fall #{n} nicht unter deinen Fällen.',
    pt: 'Não encontrei o caso #{n} entre os seus.',
  },
  'cases.more': {
    en: 'Showing your {count} latest cases. Use /case number:<n> for details.',
    fr: 'Voici tes {count} derniers dossiers. Utilise /case number:<n> pour les détails.',
    es: 'Estos son tus {count} últimos casos. Usa /case number:<n> para ver los detalles.',
    de: 'Das sind deine {count} letzten Fälle. Nutze /case number:<n> für Details.',
    pt: 'Estes são seus {count} casos mais recentes. Use /case number:<n> para ver os detalhes.',
  },

  // ---- notifications to the reporter (DM) ----
  'notify.statusChanged': {
    en: 'Your case is now **{status}**.',
    fr: 'Ton dossier est maintenant **{status}**.',
    es: 'Tu caso ahora está **{status}**.',
    de: 'Dein Fall ist jetzt **{status}**.',
    pt: 'Seu caso agora está **{status}**.',
  },
  'notify.noteAdded': {
    en: 'The support team left you a message about your case:',
    fr: "L'équipe du support t'a laissé un message sur ton dossier :",
    es: 'El equipo de soporte te dejó un mensaje sobre tu caso:',
    de: 'Das Support-Team hat dir eine Nachricht zu deinem Fall hinterlassen:',
    pt: 'A equipe de suporte deixou uma mensagem sobre o seu caso:',
  },

  // ---- errors ----
  'error.unexpected': {
    en: 'Something went wrong (error id {errorId}). Please try again later.',
    fr: "Une erreur s'est produite (identifiant {errorId}). Réessaie plus tard.",
    es: 'Algo salió mal (id de error {errorId}). Inténtalo de nuevo más tarde.',
    de: 'Etwas ist schiefgelaufen (Fehler-ID {errorId}). Bitte versuch es später noch einmal.',
    pt: 'Algo deu errado (id do erro {errorId}). Tente novamente mais tarde.',
  },
  'error.discord_unavailable': {
    en: "Discord isn't answering right now. Please try again in a minute.",
    fr: 'Discord ne répond pas pour le moment. Réessaie dans une minute.',
    es: 'Discord no responde en este momento. Inténtalo de nuevo en un minuto.',
    de: 'Discord antwortet gerade nicht. Bitte versuch es in einer Minute noch einmal.',
    pt: 'O Discord não está respondendo agora. Tente novamente em um minuto.',
  },
  'error.rate_limited': {
    en: 'Too many requests. Please wait a moment and try again.',
    fr: 'Trop de demandes. Attends un instant et réessaie.',
    es: 'Demasiadas solicitudes. Espera un momento e inténtalo de nuevo.',
    de: 'Zu viele Anfragen. Bitte warte kurz und versuch es dann erneut.',
    pt: 'Muitas solicitações. Aguarde um momento e tente novamente.',
  },

  // ---- command descriptions shown in Discord's command picker ----
  'command.bug': { en: 'Report a bug to the team', fr: "Signaler un bug à l'équipe", es: 'Informar de un error al equipo', de: 'Einen Fehler an das Team melden', pt: 'Relatar um bug para a equipe' },
  'command.bug.title': { en: 'A short summary of the bug', fr: 'Un court résumé du bug', es: 'Un breve resumen del error', de: 'Eine kurze Zusammenfassung des Fehlers', pt: 'Um breve resumo do bug' },
  'command.bug.description': {
    en: 'What happened, what you expected, and how to reproduce it',
    fr: "Ce qui s'est passé, ce que tu attendais et comment le reproduire",
    es: 'Qué pasó, qué esperabas y cómo reproducirlo',
    de: 'Was passiert ist, was du erwartet hast und wie man es nachstellt',
    pt: 'O que aconteceu, o que você esperava e como reproduzir',
  },
  'command.bug.severity': { en: 'How much it hurts your game', fr: 'À quel point ça gêne ta partie', es: 'Cuánto afecta a tu partida', de: 'Wie sehr es dein Spiel stört', pt: 'Quanto isso atrapalha seu jogo' },
  'command.bug.screenshot': { en: 'A screenshot of the problem', fr: "Une capture d'écran du problème", es: 'Una captura de pantalla del problema', de: 'Ein Screenshot des Problems', pt: 'Uma captura de tela do problema' },
  'command.new_feature': { en: 'Suggest a new feature', fr: 'Proposer une nouvelle fonctionnalité', es: 'Sugerir una nueva función', de: 'Eine neue Funktion vorschlagen', pt: 'Sugerir um novo recurso' },
  'command.new_feature.title': { en: 'Your idea in a few words', fr: 'Ton idée en quelques mots', es: 'Tu idea en pocas palabras', de: 'Deine Idee in wenigen Worten', pt: 'Sua ideia em poucas palavras' },
  'command.new_feature.description': {
    en: 'What you would like and why',
    fr: 'Ce que tu aimerais et pourquoi',
    es: 'Qué te gustaría y por qué',
    de: 'Was du dir wünschst und warum',
    pt: 'O que você gostaria e por quê',
  },
  'command.case': { en: 'See your cases and their status', fr: 'Voir tes dossiers et leur statut', es: 'Ver tus casos y su estado', de: 'Deine Fälle und ihren Status ansehen', pt: 'Ver seus casos e o status deles' },
  'command.case.number': { en: 'A case number, e.g. 42', fr: 'Un numéro de dossier, par ex. 42', es: 'Un número de caso, p. ej. 42', de: 'Eine Fallnummer, z. B. 42', pt: 'Um número de caso, ex.: 42' },
  ...REPORT_MESSAGES,
} satisfies Record<string, { en: string } & Partial<Record<Locale, string>>>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

const LOCALES: readonly Locale[] = ['en', 'fr', 'es', 'de', 'pt'];

/** Discord locales are "en-US", "fr", "es-ES", "pt-BR"...: the language part picks our catalogue. */
export function localeOf(discordLocale: string | null | undefined): Locale {
  const language = (discordLocale ?? '').slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : 'en';
}

export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, key);
}

/** The message in the player's language (a Discord locale or ours), English when not translated. */
export function t(locale: string | null | undefined, key: MessageKey, params: MessageParams = {}): string {
  const entry: Partial<Record<Locale, string>> & { en: string } = MESSAGES[key];
  const template = entry[localeOf(locale)] ?? entry.en;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Discord's localization map for command names/descriptions (its locale codes, not ours). */
export function localizations(key: MessageKey): LocalizationMap {
  return { fr: t('fr', key), 'es-ES': t('es', key), 'es-419': t('es', key), de: t('de', key), 'pt-BR': t('pt', key) };
}

/** 8388608 → "8 MB" (Discord shows sizes in MB too). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}
