import { separableVerbCandidates } from '../text/separable-verbs';
import { Analyzer } from './analyzer';
import { IndexableArticle, LocaleIndex } from './bm25f';

const article = (slug: string, locale: string, title: string, body: string, aliases: string[] = []): IndexableArticle => ({
  slug,
  locale,
  title,
  body,
  tags: [],
  keywords: [],
  aliases,
});

describe('German separable verbs', () => {
  it('joins a clause-final particle to the clause words, and nothing else', () => {
    expect(separableVerbCandidates('wie füge ich freunde hinzu')).toEqual(expect.arrayContaining(['hinzufuge', 'hinzufreunde']));
    expect(separableVerbCandidates('hinzu ist hier nicht am ende, oder')).toEqual([]);
    expect(separableVerbCandidates('lade es runter. danke')).toContain('runterlade');
  });

  it('finds the article that uses the infinitive when the player splits the verb', () => {
    const index = new LocaleIndex(
      'de',
      [
        article('notifications', 'de', 'Benachrichtigungen', 'Füge das Spiel als Ausnahme hinzu, damit Freunde dich erreichen.'),
        article('friends', 'de', 'Freundesliste', 'So klappt es mit Freunden.', ['freunde hinzufügen']),
        article('other', 'de', 'Sprache ändern', 'Die Sprache des Spiels.'),
      ],
      new Analyzer(),
    );
    const hits = index.search('wie füge ich freunde hinzu', 3, 0.5).hits;
    expect(index.docs[hits[0].doc].slug).toBe('friends');
  });
});

describe('topic fit of the best article', () => {
  const index = new LocaleIndex(
    'en',
    [
      article('username', 'en', 'Change your username', 'You can change the name shown in the game once a month.'),
      article('gems', 'en', 'Missing gems', 'Gems bought in the game appear within minutes.'),
      article('crash', 'en', 'Game crashes on startup', 'Reinstall the game when it closes at launch.'),
    ],
    new Analyzer(),
  );

  it('leaves the game-generic words out of what the question is about', () => {
    const [top] = index.search('does the weather change spawns in the game', 3, 0.5).hits;
    expect(index.docs[top.doc].slug).toBe('username');
    // "change" is in its title, but "weather" and "spawns" are nowhere: most of the topic is missing.
    expect(top.fit!.contentTopical).toBeLessThan(0.5);
    // Saying "in the game" adds nothing to the topic (while "game" is in the article's body).
    const [plain] = index.search('does the weather change spawns', 3, 0.5).hits;
    expect(plain.fit).toEqual(top.fit);
    expect(top.fit!.content).toBeLessThan(top.coverage);
  });

  it('is whole when every content word of the question is in the article title', () => {
    const [top] = index.search('my gems are missing from the game', 3, 0.5).hits;
    expect(index.docs[top.doc].slug).toBe('gems');
    // Without example questions, its topical words stand in for the closest question.
    expect(top.fit).toEqual({ content: 1, contentTopical: 1, question: 1 });
  });
});

describe('example questions and out-of-scope questions', () => {
  const questions = (a: IndexableArticle, list: string[]): IndexableArticle => ({ ...a, questions: list });
  const index = new LocaleIndex(
    'en',
    [
      questions(article('battery', 'en', 'Battery drain and overheating', 'Lower the frame rate and turn on battery saver.'), ['phone burning my hand after ten minutes', 'why does it eat my battery']),
      article('crash', 'en', 'Game crashes on startup', 'Reinstall the game when it closes at launch.'),
      article('gems', 'en', 'Missing gems', 'Gems bought in the game appear within minutes.'),
    ],
    new Analyzer(),
    undefined,
    ['what is the max level', 'best team for the fire boss'],
  );

  it('finds an article through the words of its example questions alone, and says how close the closest one is', () => {
    const [top] = index.search('my phone is burning my hand', 3, 0.5).hits;
    expect(index.docs[top.doc].slug).toBe('battery');
    expect(top.fit!.question).toBeGreaterThan(0.6);
    expect(top.fit!.contentTopical).toBe(0);
  });

  it('measures how close the message is to a question no article answers, even with words no article has', () => {
    expect(index.search('whats the max level', 3, 0.5).outOfScope).toBe(1);
    expect(index.search('my phone is burning my hand', 3, 0.5).outOfScope).toBe(0);
  });

  it('ranks the article whose example questions fit the message above one sharing a word', () => {
    const hits = index.search('game eats my battery', 3, 0.5).hits.map((h) => index.docs[h.doc].slug);
    expect(hits[0]).toBe('battery');
  });
});
