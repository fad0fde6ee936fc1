import { TRAINING, wantsLiveAgent } from './live-agent-intent';
import { asksByRule } from './live-agent';
import { featureSlots, RequestClassifier } from './request-classifier';
import { LOCALES } from '../locales';
import de from './training/de.json';
import en from './training/en.json';
import es from './training/es.json';
import fr from './training/fr.json';
import pt from './training/pt.json';

describe('RequestClassifier', () => {
  const tiny = [
    { q: 'let me talk to a person', human: true },
    { q: 'i need a real person to check this', human: true },
    { q: 'person please', human: true },
    { q: 'my gems are gone', human: false },
    { q: 'the game crashes at start', human: false },
    { q: 'how do i trade with a friend', human: false },
  ];

  it('learns from its examples: requests score above other messages', () => {
    const model = RequestClassifier.train(tiny);
    for (const request of tiny.filter((e) => e.human)) for (const other of tiny.filter((e) => !e.human)) expect(model.probability(request.q)).toBeGreaterThan(model.probability(other.q));
  });

  it('is deterministic: the same examples give the same model', () => {
    const a = RequestClassifier.train(TRAINING);
    const b = RequestClassifier.train(TRAINING);
    for (const text of ['can someone look at this', 'hola', 'ich will mit jemandem reden']) expect(a.probability(text)).toBe(b.probability(text));
  });

  it('features words, word pairs and character n-grams, and nothing for an empty text', () => {
    expect(featureSlots('')).toEqual([]);
    expect(featureSlots('humano').length).toBeGreaterThan(featureSlots('hu').length);
    expect(featureSlots('falar com alguem')).not.toEqual(featureSlots('alguem com falar'));
  });
});

describe('shipped training examples', () => {
  const byLocale = { en, fr, es, de, pt };

  it.each(LOCALES)('%s has requests and non-requests, each a non-empty text, no duplicate', (locale) => {
    const examples = byLocale[locale];
    expect(examples.filter((e) => e.human).length).toBeGreaterThanOrEqual(80);
    expect(examples.filter((e) => !e.human).length).toBeGreaterThanOrEqual(80);
    for (const e of examples) {
      expect(typeof e.q).toBe('string');
      expect(e.q.trim().length).toBeGreaterThan(0);
      expect(typeof e.human).toBe('boolean');
    }
    expect(new Set(examples.map((e) => e.q.toLowerCase())).size).toBe(examples.length);
  });
});

describe('wantsLiveAgent', () => {
  // Phrasings no rule names: only the classifier knows them (checked below), none is a training example.
  const indirect = ['could one of you guys take a look at my account personally', 'vous pouvez pas me mettre avec quelqu un de reel', 'hay alguna persona que me pueda ayudar con esto', 'kann mir da mal wer persönlich helfen', 'alguem de carne e osso pode me ajudar'];

  it.each(indirect)('recognises "%s" from its meaning', (text) => {
    expect(TRAINING.some((e) => e.q === text)).toBe(false);
    expect(wantsLiveAgent(text)).toBe(true);
  });

  it('needs the classifier for those: the rules alone miss most of them', () => {
    expect(indirect.filter((text) => asksByRule(text)).length).toBeLessThan(indirect.length);
  });

  it.each(['my son bought gems with my card', 'ich will meinen account löschen', 'quero reembolso, comprei errado', 'the agent NPC in chapter 3 is bugged', 'a player is cheating with fake gps'])('leaves "%s" to the bot', (text) => expect(wantsLiveAgent(text)).toBe(false));
});
