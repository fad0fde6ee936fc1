/**
 * A request for a person: the structural rules (live-agent.ts), or the classifier trained on the
 * examples shipped in ./training when it is sure. The rules catch what they name exactly and never
 * the traps; the classifier catches the indirect phrasings ("can a real one look at this", "com
 * quem eu falo"). Measured by `npm run bot:eval` on sets it was not trained on.
 */
import de from './training/de.json';
import en from './training/en.json';
import es from './training/es.json';
import fr from './training/fr.json';
import pt from './training/pt.json';
import { matchesRequestRule, neutralised } from './live-agent';
import { IntentExample, RequestClassifier } from './request-classifier';

export const TRAINING: readonly IntentExample[] = [...en, ...fr, ...es, ...de, ...pt];

/** Probability from which the classifier alone counts as a request (chosen on eval/bot's development part). */
export const REQUEST_CUTOFF = 0.9;

// Trained once per process (about 0.15 s for 2,000 examples), at start-up through warmUpLiveAgentIntent so that no
// player's first message waits for it; the examples never change at run time.
let model: RequestClassifier | undefined;
const classifier = () => (model ??= RequestClassifier.train(TRAINING.map((e) => ({ q: neutralised(e.q), human: e.human }))));

export function warmUpLiveAgentIntent(): void {
  classifier();
}

export function wantsLiveAgent(text: string, cutoff = REQUEST_CUTOFF): boolean {
  const plain = neutralised(text);
  return matchesRequestRule(plain) || classifier().probability(plain) >= cutoff;
}
