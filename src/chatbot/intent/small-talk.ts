import type { Locale } from '../../conversations/ports';
import { fold } from '../text/fold';

export type SmallTalk = 'greeting' | 'thanks' | 'not-helpful';

/** Whole-message patterns (folded text): a greeting or thanks alone, not "hi, my game crashes". */
const FILLER = String.raw`(?:[\s,]+(?:how are you|hows it going|how is it going|whats up|ca va|comment ca va|comment vas tu|que tal|como estas|como va|wie gehts|wie geht es dir|wie geht's|alles gut|tudo bem|tudo bom|td bem|blz|beleza|bot|team|equipe|equipo|guys|all|everyone|tout le monde|a todos|leute|zusammen|pessoal|galera|again|encore|de nuevo|nochmal|de novo|so much|a lot|beaucoup|mucho|muito|vielmals|very much|bro|mano|mec|tio|amigo|ami|:\)|!|\.)+)*`;
const GREETING = new RegExp(
  String.raw`^(?:hi+|hey+|hello+|hallo+|helo|yo+|sup|hiya|howdy|good (?:morning|evening|afternoon)|bonjour|bonsoir|salut|coucou|cc|slt|wesh|hola+|buenas(?: tardes| noches)?|buenos dias|que tal|moin+|servus|guten (?:tag|morgen|abend)|gruss gott|hey du|ola+|oi+|opa|eae|e ai|bom dia|boa (?:tarde|noite))(?:[\s,!]+(?:hi+|hey+|hello+|hallo+|helo|yo+|sup|hiya|howdy|good (?:morning|evening|afternoon)|bonjour|bonsoir|salut|coucou|cc|slt|wesh|hola+|buenas(?: tardes| noches)?|buenos dias|que tal|moin+|servus|guten (?:tag|morgen|abend)|gruss gott|hey du|ola+|oi+|opa|eae|e ai|bom dia|boa (?:tarde|noite)))*${FILLER}[\s!.?]*$`,
);
const THANKS = new RegExp(
  String.raw`^(?:(?:ok(?:ay)?|cool|great|nice|perfect|parfait|super|genial|perfecto|vale|prima|top|show|beleza|massa|otimo|ah|oh)[\s,!.]+)?(?:thanks?|thank you|thx|ty|tysm|cheers|merci|mercii+|gracias|muchas gracias|grax|danke(?: schon| sehr)?|dankeschon|vielen dank|thx dir|obrigad[oa]|valeu|vlw|brigad[oa])${FILLER}(?:[\s,!.]+(?:it|that|this|ca|eso|das|isso)?\s*(?:worked|helped|works|a marche|marche|fonctionne|funciono|funcionó|sirvio|hat geholfen|hat funktioniert|klappt|funcionou|ajudou|deu certo)(?:\s+\w+)?)?[\s!.?:)]*$`,
);
const NOT_HELPFUL = new RegExp(
  String.raw`^(?:(?:no+|nope|nah|non|nein|nao|sorry|hmm+|meh)[\s,!.]*)?(?:(?:that|this|it)\s+)?(?:(?:did ?n'?t|does ?n'?t|did not|does not|not)\s+(?:help|work|solve|fix)(?:\s+(?:at all|anything|me|it|my problem))*|(?:useless|not helpful|no help|wrong article|not what i (?:asked|meant|need(?:ed)?))|(?:ca|cela|ce)?\s*(?:ne\s+)?(?:m'?a\s+pas\s+aide|(?:n'?a\s+)?pas\s+aide|marche pas|fonctionne pas|sert a rien|(?:ne\s+)?m'?aide pas)|(?:eso\s+)?no\s+(?:me\s+)?(?:sirvio|sirve|ayudo|ayuda|funciono|funciona|resolvio)(?:\s+de nada|\s+nada)?|(?:das\s+)?(?:hat\s+)?(?:nicht|nichts)\s+(?:geholfen|gebracht|funktioniert)|hilft (?:mir )?nicht|bringt nichts|(?:isso\s+)?(?:nao\s+)(?:me\s+)?(?:ajudou|ajuda|funcionou|resolveu|serviu))[\s!.?]*$`,
);

/** Whether a whole message is a greeting, a thanks, or "that didn't help" (null for anything else). */
export function smallTalkOf(text: string): SmallTalk | null {
  const plain = fold(text).replace(/[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]/gu, '').replace(/\s+/g, ' ').trim();
  if (!plain) return null;
  if (GREETING.test(plain)) return 'greeting';
  if (THANKS.test(plain)) return 'thanks';
  if (NOT_HELPFUL.test(plain)) return 'not-helpful';
  return null;
}

/** Words that give away the language of a short greeting or thanks ("valeu" is Portuguese), when a detector cannot tell. */
const WORD_LOCALE: Record<string, Locale> = {
  merci: 'fr', bonjour: 'fr', bonsoir: 'fr', salut: 'fr', coucou: 'fr',
  gracias: 'es', hola: 'es', buenas: 'es', grax: 'es', vale: 'es',
  danke: 'de', dankeschon: 'de', hallo: 'de', moin: 'de', servus: 'de', vielen: 'de',
  obrigado: 'pt', obrigada: 'pt', valeu: 'pt', vlw: 'pt', oi: 'pt', ola: 'pt', brigado: 'pt', eae: 'pt', beleza: 'pt',
};

export function smallTalkLocale(text: string): Locale | null {
  for (const word of fold(text).split(/[^a-z]+/)) if (WORD_LOCALE[word]) return WORD_LOCALE[word];
  return null;
}
