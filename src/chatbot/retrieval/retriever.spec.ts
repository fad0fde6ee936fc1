import { join } from 'node:path';
import { readKnowledgeBase } from '../kb-files';
import { detectLanguage } from '../text/language';
import { DEFAULT_MODEL, FEATURES, featuresOf, probability } from './decision';
import { DEFAULT_OPTIONS, Retriever, withEnglishWords } from './retriever';

const kb = readKnowledgeBase(join(__dirname, '..', '..', '..', 'kb'));
const retriever = Retriever.build(kb);

describe('the "found nothing" decision', () => {
  it('is a fitted model over every feature it computes', () => {
    for (const list of [DEFAULT_MODEL.mean, DEFAULT_MODEL.scale, DEFAULT_MODEL.weights]) expect(list).toHaveLength(FEATURES.length);
    expect(DEFAULT_MODEL.cutoff).toBeGreaterThan(0);
    expect(DEFAULT_MODEL.cutoff).toBeLessThan(1);
  });

  it('is likelier for a question an article is about than for a game question no article covers', () => {
    const about = retriever.search('en', 'i bought gems but never got them');
    const offTopic = retriever.search('en', 'which creature has the best attack stats for pvp');
    expect(about.probability).toBeGreaterThan(offTopic.probability);
    expect(about.confident).toBe(true);
    expect(offTopic.confident).toBe(false);
  });

  it('gives no probability when nothing matched', () => {
    const nothing = retriever.search('en', 'zzzqqq xyzzy');
    expect(nothing.features).toBeNull();
    expect(probability(DEFAULT_MODEL, featuresOf({ hits: [], informative: 0, terms: 2, outOfScope: 0 }))).toBe(0);
    expect(nothing.confident).toBe(false);
  });

  it('never shows an article that matches only the words every message has', () => {
    const open = Retriever.build(kb, { ...DEFAULT_OPTIONS, model: { ...DEFAULT_MODEL, cutoff: 0 } });
    const generic = open.search('en', 'the game is so much fun to play');
    expect(generic.features?.[FEATURES.indexOf('content coverage')]).toBe(0);
    expect(generic.confident).toBe(false);
    expect(open.search('en', 'the game crashes when i start it').confident).toBe(true);
  });

  it('shows every article when the cutoff is zero (ranking alone)', () => {
    const open = Retriever.build(kb, { ...DEFAULT_OPTIONS, relative: 0, model: { ...DEFAULT_MODEL, cutoff: 0 } });
    expect(open.retrieve('which creature has the best attack stats for pvp', 'en').confident).toBe(true);
  });
});

describe('languages', () => {
  it('reads short chat messages by their little words as well as their letters', () => {
    expect(detectLanguage('o jogo é mt bom parabens')?.locale).toBe('pt');
    expect(detectLanguage('je recois plus aucune notif depuis la maj')?.locale).toBe('fr');
    expect(detectLanguage('ok')).toBeNull();
  });

  it('answers in the language the player writes in when their Discord language differs', () => {
    const found = retriever.retrieve('mes gemmes ont disparu de mon compte', 'en');
    expect(found).toMatchObject({ locale: 'fr', confident: true });
    expect(found.hits[0].article.slug).toBe('missing-gems');
  });

  it('lets a non-English article be found by the English gaming words of its twin', () => {
    const en = kb.find((a) => a.locale === 'en' && a.slug === 'missing-gems')!;
    const de = withEnglishWords(kb).find((a) => a.locale === 'de' && a.slug === 'missing-gems')!;
    expect(de.tags).toEqual(expect.arrayContaining(en.aliases));
    expect(kb.find((a) => a.locale === 'de' && a.slug === 'missing-gems')!.tags).not.toEqual(de.tags);
  });
});
