import type { Locale } from '../../conversations/ports';

/**
 * Function words that carry no topic, folded (no accents), per language. Kept out of the index and
 * of queries. Short on purpose: words such as "not", "no", "can't" stay out of here only when a
 * topic depends on them; these lists drop them because the articles' topics never do.
 */
const LISTS: Record<Locale, string> = {
  en: `a an the and or but if of to in on at by for from with about into over after before than then so as is are was were be been being am
    i me my mine we us our you your yours he him his she her hers it its they them their this that these those there here what which who whom whose how why when where
    do does did doing done have has had having can could would should will shall may might must not no yes dont doesnt didnt cant cannot wont isnt arent wasnt
    im ive id its thats theres whats hows whys pls please plz thanks thx hi hello hey guys bro lol anyone someone any some all just also too very really
    still again now even only more most much many get got getting gets keep keeps kept make made one thing stuff like ok okay u ur r ya yall
    almost want wanna need needs needed would like love lot lots somebody anybody everyone everybody guys man dude idk tho though ngl tbh
    rn omg wtf btw asap lil literally basically anymore`,
  fr: `a au aux avec ce ces cet cette dans de des du elle elles en et eux il ils je j la le les leur leurs lui ma mais me meme mes moi mon ne nos notre nous on ou
    par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d l m n s t y est suis es sont etait ai as avons avez ont
    fait faire peut peux pouvez veux voudrais comment pourquoi quand quoi quel quelle quels quelles ca cela ceci tout tous toute toutes tres plus moins bien
    alors donc si aussi encore deja juste bonjour salut svp stp merci mdr ptdr genre truc trucs quelqu quelqun un bah ben bon ya
    presque veut voulais besoin faut beaucoup trop aime adore vraiment jsp jpp sa
    jai chui jsuis ouf aucun aucune rien depuis toujours tjrs etre avoir`,
  es: `a al algo ante como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era es esa ese eso esta estas este esto estos
    fue ha han has hay he la las le les lo los mas me mi mis muy nada ni no nos nosotros o os otra otro para pero poco por porque que quien se sea sin sobre
    son su sus tambien te tengo tiene tienen ti tu tus un una uno unos unas y ya yo soy estoy esta estan puedo puede quiero hola gracias porfa pls xfa
    alguien todo todos toda todas cosa algo eh oye bueno pues entonces aun
    casi quisiera necesito mucho mucha muchos muchas gusta encanta bien mal xd jaja
    siempre monton re igual ser estar`,
  de: `aber alle als also am an auch auf aus bei bin bis bist da dann das dass dem den der des die dir doch du ein eine einem einen einer eines er es etwas
    euch euer hab habe haben hat hatte ich ihr im in ist ja jetzt kann kannst konnen man mein meine meinem meinen meiner mich mir mit muss nach nein nicht
    noch nun nur oder ohne schon sehr sein seine sich sie sind so uber um und uns unser von vor war waren was weil wenn wer wie wieso warum wo zu zum zur
    hallo hi hey danke bitte mal gerade echt halt eben irgendwie leute jemand
    fast mochte brauche brauch will wollte viel viele richtig macht ne nen nem ner
    ganz ganze ganzen per immer einfach grad voll krass`,
  pt: `a ao aos as com como da das de do dos e ela elas ele eles em entre era essa esse isso esta estas este isto estou esta estao eu foi ha isso ja
    la lhe mais mas me meu meus minha minhas muito na nas nem no nos nossa nosso o os ou para pela pelo por porque pra pro q que quem se sem ser seu seus
    sua suas tambem te tem tenho ter um uma uns umas voce voces vc vcs ta to oi ola ola obrigado obrigada vlw pfv pf por favor alguem tudo todo toda coisa
    ai entao ainda so
    quase quero queria preciso gostaria muito muita gosto adoro mt pq kkk kkkk
    demais sempre mano`,
};

export const STOP_WORDS: Record<Locale, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(LISTS).map(([locale, list]) => [locale, new Set(list.split(/\s+/).filter(Boolean))]),
) as unknown as Record<Locale, ReadonlySet<string>>;
