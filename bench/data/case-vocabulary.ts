/**
 * Words the seeded cases are written with: bug reports, feature ideas and help requests about a
 * mobile game, in the five languages players use. Each case takes a title of the form
 * "<thing> <problem>" and a description of two or three sentences whose slots are filled with
 * things, devices, versions and error codes, so words range from very common (a problem word) to
 * rare (one error code), the spread a real case base has for `q=`.
 */
export type Language = 'en' | 'fr' | 'es' | 'de' | 'pt';

export interface LanguageVocabulary {
  things: string[];
  problems: string[];
  /** Sentences with {thing}, {device}, {version} and {code} slots. */
  sentences: string[];
}

export const DEVICES = ['iPhone 12', 'iPhone 14', 'iPhone 15 Pro', 'iPad Air', 'Pixel 7', 'Pixel 8', 'Galaxy S21', 'Galaxy S23', 'Galaxy A52', 'Redmi Note 11', 'Xiaomi 13', 'OnePlus 9', 'Moto G84', 'Huawei P30', 'Oppo Reno 8'];

export const VOCABULARY: Record<Language, LanguageVocabulary> = {
  en: {
    things: ['inventory', 'raid', 'trade', 'login', 'shop', 'gems', 'battle pass', 'friends list', 'map', 'egg hatching', 'tamer level', 'daily quest', 'event reward', 'chat', 'leaderboard', 'guild', 'notifications', 'GPS', 'camera', 'avatar', 'sound', 'tutorial', 'purchase', 'gift', 'evolution'],
    problems: ['crash', 'freezes', 'not loading', 'black screen', 'missing', 'wrong count', 'stuck', 'lag', 'error', 'disappeared', 'does not open', 'too slow'],
    sentences: [
      'When I open the {thing} the game crashes with error {code}.',
      'Since version {version} the {thing} is stuck on the loading screen.',
      'On my {device} the {thing} freezes after a few seconds.',
      'I lost my {thing} progress after the last update.',
      'The {thing} shows a black screen and I have to restart the app.',
      'Please add a way to sort the {thing} by date.',
      'It would be great if the {thing} had a search bar.',
      'I paid for gems but the {thing} did not update, order {code}.',
      'Error {code} appears every time I try the {thing} on {device}.',
      'The {thing} is very slow on mobile data but fine on wifi.',
      'My friend cannot see my {thing} since {version}.',
      'I need help with my account, the {thing} says error {code}.',
    ],
  },
  fr: {
    things: ['inventaire', 'raid', 'échange', 'connexion', 'boutique', 'gemmes', 'passe de combat', 'liste d’amis', 'carte', 'éclosion', 'niveau', 'quête du jour', 'récompense', 'discussion', 'classement', 'guilde', 'notifications', 'GPS', 'caméra', 'avatar', 'son', 'tutoriel', 'achat', 'cadeau', 'évolution'],
    problems: ['plantage', 'bloqué', 'ne charge pas', 'écran noir', 'manquant', 'erreur', 'lent', 'disparu', 'ne s’ouvre pas', 'gel'],
    sentences: [
      'Quand j’ouvre {thing} le jeu plante avec l’erreur {code}.',
      'Depuis la version {version} {thing} reste bloqué sur l’écran de chargement.',
      'Sur mon {device} {thing} se fige au bout de quelques secondes.',
      'J’ai perdu ma progression de {thing} après la mise à jour.',
      'Merci d’ajouter un tri par date dans {thing}.',
      'J’ai payé des gemmes mais {thing} ne s’est pas mis à jour, commande {code}.',
      'L’erreur {code} apparaît à chaque fois sur {device}.',
      'Mon ami ne voit plus mon {thing} depuis {version}.',
    ],
  },
  es: {
    things: ['inventario', 'incursión', 'intercambio', 'inicio de sesión', 'tienda', 'gemas', 'pase de batalla', 'lista de amigos', 'mapa', 'eclosión', 'nivel', 'misión diaria', 'recompensa', 'chat', 'clasificación', 'gremio', 'notificaciones', 'GPS', 'cámara', 'avatar', 'sonido', 'tutorial', 'compra', 'regalo', 'evolución'],
    problems: ['se cierra', 'bloqueado', 'no carga', 'pantalla negra', 'falta', 'error', 'lento', 'desaparecido', 'no abre', 'congelado'],
    sentences: [
      'Cuando abro el {thing} el juego se cierra con el error {code}.',
      'Desde la versión {version} el {thing} se queda en la pantalla de carga.',
      'En mi {device} el {thing} se congela después de unos segundos.',
      'Perdí mi progreso de {thing} después de la actualización.',
      'Por favor añadan una forma de ordenar el {thing} por fecha.',
      'Pagué gemas pero el {thing} no se actualizó, pedido {code}.',
      'El error {code} aparece cada vez en mi {device}.',
      'Mi amigo no puede ver mi {thing} desde la {version}.',
    ],
  },
  de: {
    things: ['Inventar', 'Raid', 'Tausch', 'Anmeldung', 'Shop', 'Edelsteine', 'Kampfpass', 'Freundesliste', 'Karte', 'Brüten', 'Stufe', 'Tagesquest', 'Belohnung', 'Chat', 'Rangliste', 'Gilde', 'Benachrichtigungen', 'GPS', 'Kamera', 'Avatar', 'Ton', 'Tutorial', 'Kauf', 'Geschenk', 'Entwicklung'],
    problems: ['Absturz', 'hängt', 'lädt nicht', 'schwarzer Bildschirm', 'fehlt', 'Fehler', 'langsam', 'verschwunden', 'öffnet nicht', 'eingefroren'],
    sentences: [
      'Wenn ich {thing} öffne, stürzt das Spiel mit Fehler {code} ab.',
      'Seit Version {version} hängt {thing} im Ladebildschirm.',
      'Auf meinem {device} friert {thing} nach ein paar Sekunden ein.',
      'Ich habe meinen Fortschritt bei {thing} nach dem Update verloren.',
      'Bitte eine Sortierung nach Datum für {thing} hinzufügen.',
      'Ich habe Edelsteine bezahlt, aber {thing} wurde nicht aktualisiert, Bestellung {code}.',
      'Fehler {code} erscheint jedes Mal auf meinem {device}.',
      'Mein Freund sieht mein {thing} seit {version} nicht mehr.',
    ],
  },
  pt: {
    things: ['inventário', 'reide', 'troca', 'login', 'loja', 'gemas', 'passe de batalha', 'lista de amigos', 'mapa', 'chocagem', 'nível', 'missão diária', 'recompensa', 'chat', 'classificação', 'guilda', 'notificações', 'GPS', 'câmera', 'avatar', 'som', 'tutorial', 'compra', 'presente', 'evolução'],
    problems: ['travando', 'fecha sozinho', 'não carrega', 'tela preta', 'sumiu', 'erro', 'lento', 'não abre', 'congelado', 'faltando'],
    sentences: [
      'Quando abro o {thing} o jogo fecha com o erro {code}.',
      'Desde a versão {version} o {thing} fica preso na tela de carregamento.',
      'No meu {device} o {thing} congela depois de alguns segundos.',
      'Perdi meu progresso de {thing} depois da atualização.',
      'Por favor adicionem uma forma de ordenar o {thing} por data.',
      'Paguei gemas mas o {thing} não atualizou, pedido {code}.',
      'O erro {code} aparece toda vez no meu {device}.',
      'Meu amigo não vê meu {thing} desde a {version}.',
    ],
  },
};

/** Half the cases are in English, the rest split evenly: the slot of pool row i is i % 8. */
export const LANGUAGE_SLOTS: readonly Language[] = ['en', 'en', 'en', 'en', 'fr', 'es', 'de', 'pt'];

/** Words leads search for, from very common to rare or absent (error codes are E10000–E29999). */
export const CASE_SEARCHES: readonly string[] = [
  'crash', 'error', 'inventory', 'raid', 'black screen', 'login', 'gems', 'battle pass', 'trade', 'leaderboard',
  'Pixel 7', 'Galaxy', 'iPhone 15', 'v2.3', 'E10423', 'E27001', 'E19999', 'evolution stuck',
  'plantage', 'inventaire', 'écran noir', 'boutique',
  'inventario', 'pantalla negra', 'gremio',
  'Absturz', 'Inventar', 'Rangliste',
  'travando', 'tela preta', 'guilda',
  'refund', 'desync', 'matchmaking',
];
