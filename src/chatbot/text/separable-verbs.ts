import { words } from './fold';

/**
 * German separable verbs split in a sentence: "wie füge ich Freunde hinzu" means "hinzufügen", the
 * word articles use. A particle ending a clause is joined to each other word of that clause; the
 * index keeps only the joined words it knows, so a wrong pairing costs nothing.
 */
const PARTICLES = new Set(
  'ab an auf aus bei ein fest frei heraus herunter hoch hinzu los mit nach raus runter um vor weg zu zuruck zusammen'.split(' '),
);

export function separableVerbCandidates(text: string): string[] {
  const candidates: string[] = [];
  for (const clause of text.split(/[.,;:!?\n]+/)) {
    const clauseWords = words(clause);
    const particle = clauseWords[clauseWords.length - 1];
    if (clauseWords.length < 2 || !PARTICLES.has(particle)) continue;
    for (const word of clauseWords.slice(0, -1)) if (word.length >= 3 && !PARTICLES.has(word)) candidates.push(particle + word);
  }
  return candidates;
}
