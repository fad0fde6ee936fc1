/**
 * How well the best articles fit the question's own topic, for the "found nothing" decision: an
 * article can score well on a question's generic words ("game", "change") while missing its main
 * noun ("weather", "fox"). Computed for the few shown hits only.
 */

/** One question term as searched: its weight and the vocabulary words it matched (none: unknown). */
export interface QueryTerm {
  /** The word as analyzed (stemmed), matched as is against example questions the vocabulary may lack. */
  term: string;
  weight: number;
  candidates: string[];
  /** A word nearly every message has ("game", "Spiel", "help"). */
  generic: boolean;
}

export interface PostingsView {
  docs: Int32Array;
  topical: Uint8Array;
}

export interface TopicFit {
  /** Share of the question's non-generic weight (known words or not) this article contains anywhere. */
  content: number;
  /** The same share counting only its title, keywords, aliases or tags. */
  contentTopical: number;
  /** The same share found in its closest example question (its topical share when it has none): how much the message reads like one players asked. */
  question: number;
}

/** The position of doc in a sorted posting list, or -1. */
function find(docs: Int32Array, doc: number): number {
  let low = 0;
  let high = docs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (docs[mid] === doc) return mid;
    if (docs[mid] < doc) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

export function topicFit(doc: number, terms: QueryTerm[], postings: ReadonlyMap<string, PostingsView>, questions: readonly ReadonlySet<string>[] = []): TopicFit {
  let total = 0;
  let found = 0;
  let topical = 0;
  for (const term of terms) {
    if (term.generic) continue;
    total += term.weight;
    let inDoc = false;
    let inTopic = false;
    for (const candidate of term.candidates) {
      const list = postings.get(candidate);
      const at = list ? find(list.docs, doc) : -1;
      if (at < 0) continue;
      inDoc = true;
      if (list!.topical[at]) inTopic = true;
    }
    if (inDoc) found += term.weight;
    if (inTopic) topical += term.weight;
  }
  if (!total) return { content: 0, contentTopical: 0, question: 0 };
  // An article without example questions (a lead just wrote it) is judged by its topical words instead:
  // its title, keywords and aliases are the nearest thing to a question it has.
  const contentTopical = topical / total;
  return { content: found / total, contentTopical, question: questions.length ? closestQuestion(terms, questions) : contentTopical };
}

/**
 * How close the message is to the closest of some example questions (0 when there are none): the
 * harmonic mean of the share of its non-generic weight the question has and the share of the
 * question's words it has. Measured against an article's questions, and against questions no
 * article answers (out-of-scope.ts), which the decision weighs against it.
 */
export function closestQuestion(terms: QueryTerm[], questions: readonly ReadonlySet<string>[]): number {
  let total = 0;
  for (const term of terms) if (!term.generic) total += term.weight;
  if (!total || !questions.length) return 0;
  let best = 0;
  for (const question of questions) {
    let found = 0;
    let hits = 0;
    for (const term of terms) {
      if (term.generic) continue;
      if (question.has(term.term) || term.candidates.some((candidate) => question.has(candidate))) {
        found += term.weight;
        hits++;
      }
    }
    // Both ways: the message's weight the question has, and the share of the question the message
    // has; "my discord account was hacked" is not close to "account hacked" for the word it adds.
    const ofMessage = found / total;
    const ofQuestion = question.size ? Math.min(1, hits / question.size) : 0;
    const closeness = ofMessage && ofQuestion ? (2 * ofMessage * ofQuestion) / (ofMessage + ofQuestion) : 0;
    if (closeness > best) best = closeness;
  }
  return best;
}
