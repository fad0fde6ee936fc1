import { DEFAULT_THRESHOLDS, Thresholds } from '../../src/chatbot/retrieval/retriever';
import { IntentCase, PlayerCase } from './load';
import { summarise } from './metrics';
import { evaluate } from './run';

/** Grid search of the thresholds on the development third; prints the best few by a balanced score. */
export async function calibrate(players: PlayerCase[], intents: IntentCase[]): Promise<void> {
  const results: { t: Thresholds; score: number; summary: string }[] = [];
  for (const minScore of [3, 4, 5, 6, 8])
    for (const minCoverage of [0.3, 0.4, 0.5, 0.6])
      for (const minTopical of [0.1, 0.2, 0.3, 0.4])
        for (const unknownWeight of [0.3, 0.5, 0.8]) {
          const t = { ...DEFAULT_THRESHOLDS, minScore, minCoverage, minTopical, unknownWeight };
          const { playerOutcomes, intentOutcomes } = await evaluate(t, players, intents);
          const r = summarise(playerOutcomes, intentOutcomes);
          const score = Math.min(r.top1 / 0.9, r.top3 / 0.95, r.fallbackPrecision / 0.8, r.fallbackRecall / 0.8);
          results.push({ t, score, summary: `top1 ${r.top1.toFixed(2)} top3 ${r.top3.toFixed(2)} fbP ${r.fallbackPrecision.toFixed(2)} fbR ${r.fallbackRecall.toFixed(2)}` });
        }
  results.sort((a, b) => b.score - a.score);
  for (const r of results.slice(0, 10)) process.stdout.write(`${r.score.toFixed(3)} ${JSON.stringify(r.t)} ${r.summary}\n`);
}
