import { Stemmers } from './stem';

describe('Stemmers', () => {
  const stemmers = new Stemmers();

  it('strips trailing vowels left by accent-less spellings, for articles and questions alike', () => {
    expect(stemmers.stem('fr', 'piratee')).toBe('pirat');
  });

  it('keeps a stem whole when stripping would leave fewer than four letters (no short-stem collisions)', () => {
    expect(stemmers.stem('fr', 'meteo')).not.toBe(stemmers.stem('fr', 'mettez'));
    expect(stemmers.stem('fr', 'video')).not.toBe(stemmers.stem('fr', 'vide'));
    expect(stemmers.stem('fr', 'niveau')).toBe(stemmers.stem('fr', 'niveaux'));
  });

  it('leaves English to its own stemmer', () => {
    expect(stemmers.stem('en', 'video')).toBe('video');
  });
});
