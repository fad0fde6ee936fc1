/**
 * "Does this message ask for a person?" learned from examples: a logistic model over hashed word,
 * word-pair and character n-gram features (n-grams carry typos and inflections: "humain"/"humano",
 * "sprechen"/"spreche"). Trained deterministically (fixed order, fixed steps): the same examples
 * always give the same model. The examples are the ones the repository ships (intent/training).
 */
import { words } from '../text/fold';

export interface IntentExample {
  q: string;
  human: boolean;
}

const BITS = 18;
const MASK = (1 << BITS) - 1;
const EPOCHS = 40;
const RATE = 0.5;
const L2 = 1e-4;

/** FNV-1a, folded to the table size: collisions are rare at a few thousand distinct features. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** The distinct feature slots of a text. */
export function featureSlots(text: string): number[] {
  const ws = words(text);
  if (!ws.length) return [];
  const slots = new Set<number>();
  slots.add(hash(`len:${Math.min(ws.length, 12) >> 2}`));
  ws.forEach((w, i) => {
    slots.add(hash(`w:${w}`));
    if (i + 1 < ws.length) slots.add(hash(`b:${w} ${ws[i + 1]}`));
    const padded = `<${w}>`;
    for (let n = 3; n <= 5; n++) for (let at = 0; at + n <= padded.length; at++) slots.add(hash(`c${n}:${padded.slice(at, at + n)}`));
  });
  slots.add(hash(`first:${ws[0]}`));
  return [...slots];
}

export class RequestClassifier {
  private constructor(
    private readonly weights: Float64Array,
    private readonly bias: number,
  ) {}

  static train(examples: readonly IntentExample[]): RequestClassifier {
    const weights = new Float64Array(MASK + 1);
    const squared = new Float64Array(MASK + 1); // AdaGrad: rare n-grams keep a larger step
    let bias = 0;
    let biasSquared = 0;
    const data = examples.map((e) => ({ slots: featureSlots(e.q), y: e.human ? 1 : 0 }));
    // A fixed interleaving instead of a random shuffle: deterministic, and no long runs of one class.
    const order = data.map((_, i) => i).sort((a, b) => ((a * 7919) % data.length) - ((b * 7919) % data.length) || a - b);
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (const i of order) {
        const { slots, y } = data[i];
        const value = 1 / Math.sqrt(slots.length);
        let z = bias;
        for (const s of slots) z += weights[s] * value;
        const error = 1 / (1 + Math.exp(-z)) - y;
        for (const s of slots) {
          const g = error * value + L2 * weights[s];
          squared[s] += g * g;
          weights[s] -= (RATE * g) / Math.sqrt(squared[s] + 1e-8);
        }
        biasSquared += error * error;
        bias -= (RATE * error) / Math.sqrt(biasSquared + 1e-8);
      }
    }
    return new RequestClassifier(weights, bias);
  }

  /**
   * Probability that the text asks for a person: the most probable of the whole text and each of
   * its sentences (a request after a long description would be drowned in the description's words).
   */
  probability(text: string): number {
    const parts = text.split(/[.!?;:\n]+|,\s/).filter((p) => words(p).length >= 3);
    let best = this.score(text);
    if (parts.length > 1) for (const part of parts) best = Math.max(best, this.score(part));
    return best;
  }

  private score(text: string): number {
    const slots = featureSlots(text);
    if (!slots.length) return 0;
    const value = 1 / Math.sqrt(slots.length);
    let z = this.bias;
    for (const s of slots) z += this.weights[s] * value;
    return 1 / (1 + Math.exp(-z));
  }
}
