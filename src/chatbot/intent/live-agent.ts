import { fold } from '../text/fold';

/**
 * Does a message ask for a person? Rules with context, per language: a person word only counts as
 * the object of a request (talk to, put me through to, I need, is anyone there, or the word alone),
 * never as a game thing ("the agent NPC", "human character", "staff weapon", "Mensch, ...").
 * They are precise but miss indirect phrasings; live-agent-intent.ts adds a classifier for those.
 */

/** Game things named by a person word: neutralised before the rules run. */
const GAME_NOUN = String.raw`(?:npc|pnj|character|char|skin|quest|mission|class|race|weapon|creature|type|outfit|boss|event|personnage|perso|personaje|personagem|charakter|figur|stab|cajado|baculo|baton|criatura|kreatur|secret|secreto|secreta|geheim)`;
const PERSON_WORD = String.raw`(?:agents?|agente[sn]?|humans?|humains?|humanos?|staff|support|suporte|soporte|soutien|menschen|mensch|mitarbeiter|atendente)`;
const TRAPS = [
  new RegExp(String.raw`\b${PERSON_WORD}\s+${GAME_NOUN}\b`, 'g'),
  new RegExp(String.raw`\b${GAME_NOUN}\s+(?:de |d'|du |des |do |da |del )?${PERSON_WORD}\b`, 'g'),
  /\b(?:skin|npc) (?:de |d')?agent\w*/g,
  /\b(?:agente?|agent) secret[oa]?\b/g,
  // Somebody who did something to the player is not somebody they ask for.
  /\b(?:someone|somebody)\s+(?:hacked|stole|got into|took|used|logged into|is)\b/g,
  /\b(?:alguien|alguem)\s+(?:me\s+)?(?:robo|hackeo|jaqueo|entro|uso|roubou|hackeou|invadiu|entrou|usou|esta|ta)\b/g,
  /\bquelqu'?un\s+(?:a|m'a)\s+(?:pirate|vole|hacke|utilise|pris)\b/g,
  /\bjemand\s+(?:hat\s+)?(?:\w+\s+){0,2}(?:gehackt|geklaut|gestohlen|benutzt)\b/g,
  /\bpersonne\s+(?:ne|n')/g,
  // Reporting a person.
  /\b(?:report|reportar|denunciar|denuncio|signaler|melden)\s+(?:a |an |um |uma |un |une |eine?n? |el |o |la )?(?:person|player|pessoa|jogador|jugador|persona|joueur|personne|spieler|someone|alguien|alguem|quelqu'?un|jemanden)\b/g,
  /\b(?:person|spieler|jemanden|menschen)\s+(?:melden|anzeigen)\b/g,
];

/** The folded text with the traps' person words neutralised: what the rules and the classifier read. */
export function neutralised(text: string): string {
  let plain = fold(text).replace(/\s+/g, ' ').trim();
  for (const trap of TRAPS) plain = plain.replace(trap, ' _ ');
  return plain;
}

const EN_P = String.raw`(?:(?:a|an|the|some|any|your|one of (?:your|the))\s+)?(?:(?:real|actual|live|human|support|staff|team)\s+)*(?:humans?|human being|person|people|someone|somebody|anyone|anybody|agent|staff(?: member)?|support(?: team| staff| agent| person)?|team|mods?|moderators?|admins?|administrator|devs?|developers?|operator|representative|rep|customer (?:service|support|care)|employee|gm|game master)\b`;
const EN_STRONG = String.raw`(?:(?:a|an|the|some)\s+)?(?:(?:real|actual|live|human|support)\s+)*(?:humans?|human being|person|agent|staff member|mod|moderator|admin|operator|representative|customer service|employee|gm|game master)\b`;
const FR_P = String.raw`(?:(?:un|une|le|la|l'|les|des|du|au)\s*)?(?:(?:vrai|vraie)\s+)?(?:humains?|personne(?: reelle| physique)?|quelqu'?un|conseill(?:er|ere)|agents?|operat(?:eur|rice)|support|staff|equipe|modos?|moderat(?:eur|rice)|admins?|service client|sav|assistance|gens)\b`;
const ES_P = String.raw`(?:(?:un|una|el|la|los|al)\s+)?(?:persona(?: real| de verdad)?|humanos?|alguien(?: real| de verdad)?|agentes?|asesor(?:a)?|operador(?:a)?|soporte|staff|equipo|moderador(?:es)?|mods?|admins?|atencion al cliente|servicio (?:al cliente|tecnico)|encargado)\b`;
const DE_P = String.raw`(?:(?:einen|einem|einer|eine|ein|den|dem|der|die|nen|nem|ner)\s+)?(?:(?:echten|richtigen|echte|echter)\s+)?(?:menschen|mensch|mitarbeiter(?:in)?|person|jemand(?:em|en)?|wem|support(?:er|\s*-?\s*mitarbeiter(?:in)?|\s*team)?|staff|team|mod(?:erator)?(?:en)?|admins?|berater(?:in)?|kundendienst|kundenservice|agenten|agent|betreuer)\b`;
const PT_P = String.raw`(?:(?:um|uma|o|a|os|as)\s+)?(?:pessoa(?: real| de verdade)?|humanos?|alguem(?: real| de verdade)?|atendentes?|agentes?|suporte|staff|equipe|moderador(?:es)?|mods?|admins?|operador(?:a)?|atendimento(?: humano)?|sac)\b`;
const PLEASE = String.raw`(?:\s+(?:pls|plz|please|now|asap|needed|svp|stp|vite|merci|por favor|porfa|xfa|ya|bitte|jetzt|sofort|pfv|pf|agora|urgente))*[\s!?.]*$`;

const RULES: RegExp[] = [
  // en
  new RegExp(String.raw`\b(?:talk|speak|chat|write)(?:ing)?\s+(?:to|with)\s+${EN_P}`),
  new RegExp(String.raw`\b(?:connect|transfer|put|pass|forward|redirect|send|escalate|switch|get)\s+(?:me|this|us)\s+(?:through\s+|over\s+|back\s+)?(?:to|with)\s+${EN_P}`),
  new RegExp(String.raw`\b(?:get|give|find|bring|call)\s+me\s+${EN_P}`),
  new RegExp(String.raw`\b(?:want|wanna|need|like|prefer|request|get|have)\s+(?:to\s+(?:talk|speak|chat)\s+(?:to|with)\s+)?${EN_STRONG}`),
  /\b(?:contact|reach|call|ping|get hold of|get a hold of)\s+(?:a |an |the )?(?:real |live |actual )?(?:humans?|person|support|staff|agent|team|mods?|admins?|customer service)\b/,
  /\b(?:is|are)\s+(?:there|anyone|anybody|someone|somebody)\s+(?:(?:a|an|any)\s+)?(?:real|actual|humans?|person|people|agents?|staff|here|there|alive|online)\b/,
  /^(?:hello\s+)?(?:any(?:one|body)|some(?:one|body))\s+(?:there|here|real|alive|online)\s*\??$/,
  /\bany\s+(?:humans?|real people|agents?|staff)\s+(?:here|there|around|online)/,
  /\b(?:don'?t|do not)\s+(?:want|wanna|like)\s+(?:to\s+)?(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|the|this|some)\s+(?:bot|robot|machine|ai)\b/,
  /\bescalate (?:this|it|my)\b/,
  /\b(?:someone|somebody|anyone)\s+(?:from|of|on)\s+(?:the\s+|your\s+)?(?:team|staff|support|devs?|mods?)\b/,
  new RegExp(String.raw`^(?:(?:a|an|the|real|live|human|actual)\s+)*(?:human|agent|person|operator|staff|support|representative|customer service)${PLEASE}`),
  /\bwho (?:can|do|should|could) i (?:talk|speak|write|complain|turn) to\b/,
  /\b(?:any|are there) real (?:people|humans|persons)\b/,
  // fr
  new RegExp(String.raw`\b(?:parler|discuter|causer|chatter)\s+(?:a|avec)\s+${FR_P}`),
  new RegExp(String.raw`\b(?:passez|passe|passer|mettez|mettre|mets|transferez|transferer|transfere|redirigez|rediriger|orientez)[- ]?(?:moi|nous)?\s*(?:en (?:relation|contact)\s+)?(?:a|avec|au|vers)?\s*${FR_P}`),
  /\b(?:veux|voudrais|veut|besoin d'?\s*|faut|aimerais|prefere|demande)\s*(?:parler a\s+)?(?:un|une|le|la|l')\s*(?:vraie?\s+)?(?:humain|conseill(?:er|ere)|agent|personne|operateur|modo|moderateur|admin)\b/,
  /\b(?:contacter|joindre|appeler|avoir)\s+(?:le |la |l'|un |une )?(?:support|assistance|service client|sav|staff|equipe|humain|conseill(?:er|ere)|agent|admin|modo)\b/,
  /\b(?:y a|il y a|y'a|ya)\s+(?:quelqu'?un|une vraie personne|un humain|des humains)(?:\s+(?:ici|la|en ligne|de l'equipe|du support))?\s*\??\s*$/,
  /\b(?:pas|plus)\s+(?:parler\s+(?:a|avec)\s+)(?:un|le|ce)?\s*(?:bot|robot)\b/,
  /\bquelqu'?un\s+(?:de|du|d')\s*(?:l'equipe|equipe|staff|support|modo)/,
  /\b(?:appelle|appelez|envoie|envoyez|amene)[- ]?(?:moi\s+)?(?:un|une|le)\s+(?:admin|modo|humain|conseiller|agent|vrai)/,
  /\bvraie?\s+(?:humain|personne)\b/,
  /\bquelqu'?\s?un de (?:reel|vrai)\b/,
  new RegExp(String.raw`^(?:un |une |le )?(?:vraie? )?(?:humain|conseill(?:er|ere)|agent|operateur|support)${PLEASE}`),
  /\ba qui (?:je peux|je pourrais|puis-je|dois-je|je dois|on peut|peut-on)\s+(?:m'adresser|parler|ecrire|me plaindre)/,
  /\b(?:des|de) vrais? (?:gens|personnes|humains)\b/,
  // es
  new RegExp(String.raw`\b(?:hablar|conversar|chatear|hablarle)\s+(?:con|a)\s+${ES_P}`),
  new RegExp(String.raw`\b(?:pasar|pasame|pasenme|pasen|pasa|comunica|comunicame|comuniquenme|comunican|comunicar(?:me)?|transfiere|transfiereme|transferir(?:me)?|derivar(?:me)?|derivame|conecta|conectame|conectar(?:me)?|ponme|ponganme)\s+(?:me\s+)?(?:con|a|al|a la)\s+${ES_P}`),
  /\b(?:quiero|necesito|quisiera|prefiero|dame|deme|busco)\s+(?:hablar con\s+)?(?:un|una|el|la)\s+(?:humano|agente|asesor|persona|operador|moderador|admin)\b/,
  /\b(?:hay|habra)\s+(?:alguien|una persona|algun humano|un humano)(?:\s+(?:ahi|alli|real|de verdad|atendiendo|en linea))?\s*\??\s*$/,
  /\bno\s+quiero\s+(?:hablar|chatear)\s+con\s+(?:un|el|este)\s+(?:bot|robot)\b/,
  /\batienda\s+(?:una persona|un humano|alguien)/,
  /\balguien\s+(?:del|de)\s+(?:soporte|staff|equipo)\b/,
  /\b(?:contacto|contactar|contacta|comunico|escribo)\s+(?:con\s+)?(?:el\s+|al\s+)?(?:soporte|staff|equipo|atencion al cliente)\b/,
  new RegExp(String.raw`^(?:un |una |el )?(?:humano|agente|asesor|operador|soporte|persona real)${PLEASE}`),
  /\bcon quien (?:puedo|podria|tengo que|debo|hablo|me comunico)\b/,
  /\b(?:hay|alguna) (?:gente|persona) (?:real|de verdad)\b/,
  // de
  new RegExp(String.raw`\bmit\s+${DE_P}\s*(?:(?:vom|von|aus dem)\s+\w+\s+)?(?:sprechen|reden|schreiben|chatten|quatschen|telefonieren)\b`),
  new RegExp(String.raw`\b(?:verbinde|verbindet|verbinden|leite|leitet|weiterleiten|stell|stellt|durchstellen)\s+(?:mich|uns)?\s*(?:bitte\s+)?(?:mit|an|zu|zum)\s+${DE_P}`),
  /\b(?:will|mochte|moechte|brauche|brauch|hatte gerne?|wunsche|bitte|hol|holt|hole)\s+(?:mir\s+)?(?:bitte\s+)?(?:einen|eine|ein|nen|nem|den|die)\s+(?:echten\s+|richtigen\s+)?(?:menschen|mitarbeiter(?:in)?|person|support\s*-?\s*mitarbeiter(?:in)?|supporter|berater|admin|mod|moderator|agenten)\b/,
  /\b(?:mochte|will|moechte)\s+(?:den|die|das)?\s*(?:kundenservice|kundendienst|support)\s+(?:sprechen|erreichen|kontaktieren)\b/,
  /\b(?:ist|sind)\s+(?:da|hier)\s+(?:jemand|wer|ein mensch|menschen)\b/,
  /\bgibt es\s+(?:hier\s+)?(?:einen\s+)?(?:echten menschen|jemanden|menschen|mitarbeiter)\b/,
  /\b(?:erreiche|erreichen|kontaktiere|kontaktieren)\s+(?:ich\s+)?(?:den|die|einen)?\s*(?:support|kundendienst|kundenservice|mitarbeiter|menschen|team)\b/,
  /\bnicht\s+mit\s+(?:einem|dem|nem)\s+(?:bot|roboter)\b/,
  /\bjemand\s+(?:vom|von|aus dem)\s+(?:staff|team|support)\b/,
  new RegExp(String.raw`^(?:(?:ein|einen|echter|echten|nen)\s+)*(?:mensch(?:en)?|mitarbeiter(?:in)?|support|agent|berater)${PLEASE}`),
  /\bmit wem (?:kann|konnte|soll|muss) ich\b/,
  /\ban wen (?:kann|soll|muss) ich mich wenden\b/,
  /\b(?:echte|richtige) (?:leute|menschen)\b/,
  // pt
  new RegExp(String.raw`\b(?:falar|falo|conversar|papear|teclar)\s+(?:com|c/)\s+${PT_P}`),
  new RegExp(String.raw`\b(?:passa|passar|passe|transfere|transferir|transfira|coloca|coloque|colocar|encaminha|encaminhar|conecta)\s*(?:me\s+)?(?:pra|para|pro|com|ao|em contato com)\s+${PT_P}`),
  /\b(?:quero|preciso|queria|gostaria|prefiro)\s+(?:de\s+)?(?:um|uma|o|a)?\s*(?:pessoa|humano|atendente|agente|moderador|atendimento humano)\b/,
  /\b(?:tem|ha|existe)\s+(?:alguem|algum humano|uma pessoa|um humano)(?:\s+(?:ai|aqui|real|de verdade|online|atendendo))?\s*\??\s*$/,
  /\bnao\s+quero\s+(?:falar|conversar)\s+com\s+(?:um\s+|o\s+|esse\s+)?(?:bot|robo)\b/,
  /\b(?:chama|chame|chamar|cade)\s+(?:um|uma|o|a)?\s*(?:humano|atendente|pessoa|suporte|moderador|admin|staff)\b/,
  /\balguem\s+(?:da|do|de)\s+(?:equipe|staff|suporte|moderacao)\b/,
  /\b(?:contato|contatar|contactar|entro em contato)\s+(?:com\s+)?(?:o\s+)?(?:suporte|atendimento|staff|equipe)\b/,
  /\bcom quem (?:eu )?(?:falo|posso falar|devo falar|converso|reclamo)\b/,
  /\b(?:tem|ha) (?:gente|pessoas?) (?:real|reais|de verdade)\b/,
  new RegExp(String.raw`^(?:um |uma |o )?(?:humano|atendente|agente|suporte|atendimento|pessoa real)${PLEASE}`),
];

/** The rules alone: what a request looks like when it names its person in a known structure. */
export function asksByRule(text: string): boolean {
  return matchesRequestRule(neutralised(text));
}

/** The rules on a text already neutralised. */
export function matchesRequestRule(plain: string): boolean {
  return RULES.some((rule) => rule.test(plain));
}
