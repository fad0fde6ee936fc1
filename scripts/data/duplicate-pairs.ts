/**
 * The evaluation set of `npm run eval:duplicates`: bug reports already filed (one per topic and
 * language), new reports of the same bugs in other words (same language), and near-misses:
 * different bugs that share words with a filed one. Written for this project.
 */
export type Language = 'en' | 'fr' | 'es' | 'de' | 'pt';
export interface Report {
  topic: string;
  title: string;
  text: string;
}

/** T1 map crash · T2 black screen after a cutscene · T3 sound gone after alt-tab · T4 items vanish after the update · T5 login error · T6 stuck in matchmaking · T7 quest reward not given · T8 controller not detected */
export const FILED: Record<Language, Report[]> = {
  en: [
    { topic: 'T1', title: 'Game crashes when I open the map', text: 'Every time I press M to open the world map the game freezes and closes to the desktop.' },
    { topic: 'T2', title: 'Black screen after the intro cutscene', text: 'After the first cinematic ends the screen stays black, I can hear the music but see nothing.' },
    { topic: 'T3', title: 'No sound after alt-tab', text: 'When I alt-tab out of the game and come back all the audio is gone until I restart.' },
    { topic: 'T4', title: 'Items disappeared from my inventory after the update', text: 'Since patch 1.4 my rare swords and potions are missing from the inventory.' },
    { topic: 'T5', title: 'Cannot log in, error 1033', text: 'The login screen says error 1033 and I cannot connect to the server.' },
    { topic: 'T6', title: 'Stuck searching for a match forever', text: 'Matchmaking keeps searching for 20 minutes and never finds a match.' },
    { topic: 'T7', title: 'Quest reward not given by the blacksmith', text: 'I finished the quest but the blacksmith does not give me the reward and the quest stays active.' },
    { topic: 'T8', title: 'Controller not detected', text: 'My Xbox controller is connected but the game does not detect it, only keyboard works.' },
  ],
  fr: [
    { topic: 'T1', title: 'Le jeu plante quand j’ouvre la carte', text: 'Dès que j’appuie sur M pour ouvrir la carte du monde, le jeu se fige et se ferme.' },
    { topic: 'T2', title: 'Écran noir après la cinématique', text: 'À la fin de la première cinématique l’écran reste noir, j’entends la musique mais je ne vois rien.' },
    { topic: 'T3', title: 'Plus de son après alt-tab', text: 'Quand je fais alt-tab et que je reviens dans le jeu, il n’y a plus aucun son jusqu’au redémarrage.' },
    { topic: 'T4', title: 'Objets disparus de l’inventaire après la mise à jour', text: 'Depuis la mise à jour 1.4 mes épées rares et mes potions ont disparu de l’inventaire.' },
    { topic: 'T5', title: 'Impossible de me connecter, erreur 1033', text: 'L’écran de connexion affiche l’erreur 1033 et je ne peux pas rejoindre le serveur.' },
    { topic: 'T6', title: 'Bloqué dans la recherche de partie', text: 'La recherche de partie tourne pendant 20 minutes sans jamais trouver de partie.' },
    { topic: 'T7', title: 'Le forgeron ne donne pas la récompense de quête', text: 'J’ai terminé la quête mais le forgeron ne me donne pas la récompense et la quête reste active.' },
    { topic: 'T8', title: 'Manette non détectée', text: 'Ma manette Xbox est branchée mais le jeu ne la détecte pas, seul le clavier marche.' },
  ],
  es: [
    { topic: 'T1', title: 'El juego se cierra al abrir el mapa', text: 'Cada vez que pulso M para abrir el mapa del mundo el juego se congela y se cierra.' },
    { topic: 'T2', title: 'Pantalla negra después de la cinemática', text: 'Cuando termina la primera cinemática la pantalla se queda negra, oigo la música pero no veo nada.' },
    { topic: 'T3', title: 'Sin sonido después de alt-tab', text: 'Si hago alt-tab y vuelvo al juego desaparece todo el sonido hasta que reinicio.' },
    { topic: 'T4', title: 'Objetos desaparecidos del inventario tras la actualización', text: 'Desde la actualización 1.4 mis espadas raras y pociones ya no están en el inventario.' },
    { topic: 'T5', title: 'No puedo iniciar sesión, error 1033', text: 'La pantalla de inicio de sesión muestra el error 1033 y no puedo conectar con el servidor.' },
    { topic: 'T6', title: 'Atascado buscando partida', text: 'El emparejamiento busca partida durante 20 minutos y nunca encuentra ninguna.' },
    { topic: 'T7', title: 'El herrero no entrega la recompensa de la misión', text: 'Terminé la misión pero el herrero no me da la recompensa y la misión sigue activa.' },
    { topic: 'T8', title: 'El mando no se detecta', text: 'Mi mando de Xbox está conectado pero el juego no lo detecta, solo funciona el teclado.' },
  ],
  de: [
    { topic: 'T1', title: 'Spiel stürzt beim Öffnen der Karte ab', text: 'Jedes Mal, wenn ich M drücke, um die Weltkarte zu öffnen, friert das Spiel ein und schließt sich.' },
    { topic: 'T2', title: 'Schwarzer Bildschirm nach der Zwischensequenz', text: 'Nach der ersten Zwischensequenz bleibt der Bildschirm schwarz, ich höre Musik, sehe aber nichts.' },
    { topic: 'T3', title: 'Kein Ton nach Alt-Tab', text: 'Wenn ich mit Alt-Tab rausgehe und zurückkomme, ist der ganze Ton weg, bis ich neu starte.' },
    { topic: 'T4', title: 'Gegenstände nach dem Update aus dem Inventar verschwunden', text: 'Seit Patch 1.4 fehlen meine seltenen Schwerter und Tränke im Inventar.' },
    { topic: 'T5', title: 'Anmeldung nicht möglich, Fehler 1033', text: 'Der Anmeldebildschirm zeigt Fehler 1033 und ich kann mich nicht mit dem Server verbinden.' },
    { topic: 'T6', title: 'Matchmaking sucht endlos', text: 'Die Spielersuche läuft 20 Minuten und findet nie ein Match.' },
    { topic: 'T7', title: 'Schmied gibt keine Questbelohnung', text: 'Ich habe die Quest abgeschlossen, aber der Schmied gibt mir keine Belohnung und die Quest bleibt aktiv.' },
    { topic: 'T8', title: 'Controller wird nicht erkannt', text: 'Mein Xbox-Controller ist angeschlossen, aber das Spiel erkennt ihn nicht, nur die Tastatur geht.' },
  ],
  pt: [
    { topic: 'T1', title: 'O jogo trava ao abrir o mapa', text: 'Toda vez que aperto M para abrir o mapa do mundo o jogo congela e fecha.' },
    { topic: 'T2', title: 'Tela preta depois da cena de abertura', text: 'Quando a primeira cena termina a tela fica preta, ouço a música mas não vejo nada.' },
    { topic: 'T3', title: 'Sem som depois do alt-tab', text: 'Quando dou alt-tab e volto para o jogo todo o som some até eu reiniciar.' },
    { topic: 'T4', title: 'Itens sumiram do inventário depois da atualização', text: 'Desde a atualização 1.4 minhas espadas raras e poções sumiram do inventário.' },
    { topic: 'T5', title: 'Não consigo entrar, erro 1033', text: 'A tela de login mostra o erro 1033 e não consigo conectar ao servidor.' },
    { topic: 'T6', title: 'Preso procurando partida', text: 'O matchmaking fica procurando partida por 20 minutos e nunca encontra.' },
    { topic: 'T7', title: 'Ferreiro não entrega a recompensa da missão', text: 'Terminei a missão mas o ferreiro não me dá a recompensa e a missão continua ativa.' },
    { topic: 'T8', title: 'Controle não é detectado', text: 'Meu controle de Xbox está conectado mas o jogo não reconhece, só o teclado funciona.' },
  ],
};

/** New reports: the same bugs in other words (topic T*), and near-misses (N*: no filed report is the same bug). */
export const INCOMING: Record<Language, Report[]> = {
  en: [
    { topic: 'T3', title: 'Audio cuts out when switching windows', text: 'If I switch to another window and back, the game is silent.' },
    { topic: 'T6', title: 'Queue never pops', text: 'Waited half an hour in the queue and nobody was found.' },
    { topic: 'N7', title: 'Game crashes when I open the inventory', text: 'Pressing I to open the inventory freezes the game and it closes.' },
    { topic: 'T1', title: 'Crash opening the world map', text: 'Pressing the map key makes my game crash straight to desktop.' },
    { topic: 'T2', title: 'Screen goes black after the opening cinematic', text: 'The intro video finishes and then everything is black but the music keeps playing.' },
    { topic: 'T4', title: 'Lost my potions and swords after patch', text: 'The new update wiped items from my inventory.' },
    { topic: 'T5', title: 'Error 1033 when logging in', text: 'I get error 1033 on the login screen, no connection to the server.' },
    { topic: 'T7', title: 'Blacksmith quest gives no reward', text: 'Completed the blacksmith quest, no reward, quest still active in the log.' },
    { topic: 'T8', title: 'Game does not detect my gamepad', text: 'The controller works in other games but this one does not detect it.' },
    { topic: 'N1', title: 'Map markers are missing', text: 'The map opens fine but the quest markers and icons are not shown.' },
    { topic: 'N2', title: 'Sound too loud in the menu', text: 'The menu music is much louder than the game, the volume slider does nothing.' },
    { topic: 'N3', title: 'Cannot sort my inventory', text: 'There is no button to sort items in the inventory by rarity.' },
  ],
  fr: [
    { topic: 'T2', title: 'Tout est noir après la vidéo d’intro', text: 'La vidéo se termine puis plus rien ne s’affiche.' },
    { topic: 'N8', title: 'Écran noir au démarrage du jeu', text: 'Le jeu démarre sur un écran noir avant même le menu principal.' },
    { topic: 'T1', title: 'Crash en ouvrant la carte', text: 'Quand j’ouvre la carte le jeu plante et revient au bureau.' },
    { topic: 'T3', title: 'Le son disparaît après un alt-tab', text: 'Après un alt-tab je n’ai plus de son dans le jeu.' },
    { topic: 'T4', title: 'Mes potions ont disparu depuis la mise à jour', text: 'Après la dernière mise à jour il manque des objets dans mon inventaire.' },
    { topic: 'T5', title: 'Erreur 1033 à la connexion', text: 'Je n’arrive pas à me connecter au serveur, erreur 1033.' },
    { topic: 'T6', title: 'La recherche de partie ne trouve jamais rien', text: 'Je reste bloqué sur l’écran de recherche de partie pendant des minutes.' },
    { topic: 'T8', title: 'Le jeu ne reconnaît pas ma manette', text: 'Ma manette marche partout sauf dans ce jeu, il ne la détecte pas.' },
    { topic: 'N1', title: 'Les icônes de quête manquent sur la carte', text: 'La carte s’ouvre bien mais aucun marqueur de quête n’apparaît.' },
    { topic: 'N4', title: 'Le forgeron vend des objets trop chers', text: 'Les prix du forgeron sont beaucoup trop élevés pour les nouveaux joueurs.' },
    { topic: 'N5', title: 'Le mot de passe oublié ne marche pas', text: 'Je ne reçois jamais l’e-mail pour réinitialiser mon mot de passe.' },
  ],
  es: [
    { topic: 'T4', title: 'Perdí cosas tras el parche', text: 'Me faltan armas desde el último parche.' },
    { topic: 'T1', title: 'Se cierra el juego al abrir el mapa', text: 'Abro el mapa y el juego se congela y se cierra solo.' },
    { topic: 'T2', title: 'Todo negro tras la cinemática inicial', text: 'Al acabar la cinemática inicial la pantalla queda negra con música de fondo.' },
    { topic: 'T3', title: 'Se va el sonido al hacer alt-tab', text: 'Después de alt-tab el juego se queda sin sonido.' },
    { topic: 'T6', title: 'El emparejamiento nunca encuentra partida', text: 'Llevo mucho tiempo buscando partida y no encuentra ninguna.' },
    { topic: 'T7', title: 'Misión del herrero sin recompensa', text: 'Completé la misión del herrero y no recibí la recompensa.' },
    { topic: 'T8', title: 'No reconoce mi mando', text: 'El juego no detecta el mando de Xbox aunque está conectado.' },
    { topic: 'N2', title: 'La música suena muy alta', text: 'El volumen de la música no cambia aunque mueva el control de volumen.' },
    { topic: 'N3', title: 'El inventario está siempre lleno', text: 'Me dice que el inventario está lleno aunque tengo espacio libre.' },
    { topic: 'N5', title: 'No llega el correo para cambiar la contraseña', text: 'Pedí restablecer la contraseña y el correo nunca llega.' },
  ],
  de: [
    { topic: 'T8', title: 'Gamepad geht nicht', text: 'Das Gamepad reagiert im Spiel überhaupt nicht.' },
    { topic: 'T1', title: 'Absturz beim Öffnen der Weltkarte', text: 'Sobald ich die Karte öffne, stürzt das Spiel ab.' },
    { topic: 'T2', title: 'Bildschirm bleibt nach dem Intro schwarz', text: 'Nach der Zwischensequenz am Anfang ist alles schwarz, nur Musik ist zu hören.' },
    { topic: 'T4', title: 'Nach dem Patch fehlen Gegenstände', text: 'Seit dem letzten Update sind Tränke und Schwerter aus meinem Inventar verschwunden.' },
    { topic: 'T5', title: 'Fehler 1033 beim Anmelden', text: 'Ich bekomme Fehler 1033 und keine Verbindung zum Server.' },
    { topic: 'T6', title: 'Spielersuche findet kein Match', text: 'Ich hänge in der Spielersuche fest, es wird nie ein Match gefunden.' },
    { topic: 'T7', title: 'Keine Belohnung für die Quest vom Schmied', text: 'Quest beim Schmied abgeschlossen, aber keine Belohnung bekommen.' },
    { topic: 'N1', title: 'Keine Questmarkierungen auf der Karte', text: 'Die Karte öffnet sich, aber Markierungen für Quests fehlen.' },
    { topic: 'N4', title: 'Schmied ist zu teuer', text: 'Die Preise beim Schmied sind für neue Spieler viel zu hoch.' },
    { topic: 'N6', title: 'Controller vibriert ständig', text: 'Mein Controller vibriert die ganze Zeit, auch im Menü.' },
  ],
  pt: [
    { topic: 'T6', title: 'Fila de partida infinita', text: 'Fico na fila e nunca começa uma partida.' },
    { topic: 'N9', title: 'O jogo trava ao abrir o inventário', text: 'Toda vez que abro o inventário o jogo congela e fecha.' },
    { topic: 'T1', title: 'Jogo fecha quando abro o mapa', text: 'Aperto para abrir o mapa e o jogo trava e fecha.' },
    { topic: 'T3', title: 'Som some depois de alt-tab', text: 'Depois de dar alt-tab o jogo fica sem som nenhum.' },
    { topic: 'T4', title: 'Sumiram itens do inventário após o patch', text: 'Depois da atualização perdi poções e espadas do inventário.' },
    { topic: 'T5', title: 'Erro 1033 no login', text: 'Aparece erro 1033 e não conecto no servidor.' },
    { topic: 'T7', title: 'Missão do ferreiro não dá recompensa', text: 'Completei a missão do ferreiro e não ganhei a recompensa.' },
    { topic: 'T8', title: 'O jogo não reconhece meu controle', text: 'O controle funciona em outros jogos mas este não detecta.' },
    { topic: 'N2', title: 'Música alta demais no menu', text: 'O volume da música do menu não muda no ajuste de volume.' },
    { topic: 'N5', title: 'Não recebo o e-mail de senha', text: 'Pedi para redefinir a senha e o e-mail nunca chega.' },
    { topic: 'N6', title: 'Controle vibra o tempo todo', text: 'Meu controle fica vibrando sem parar, até no menu.' },
  ],
};
