/**
 * The "found nothing" decision: a small logistic model over what one search says about the
 * question, instead of one raw score threshold. Fitted on the development parts of eval/bot
 * (`npm run bot:fit`), weights in decision-model.ts (written by that command). How many of the
 * message's words the articles know is deliberately not a feature: the kb's aliases were written
 * with the first set's messages in view, so it told that set apart and failed on players' own words.
 */
import type { SearchResult } from './bm25f';
import { FITTED_MODEL } from './decision-model';

export const FEATURES = [
  'log score',
  'score per informative weight',
  'coverage',
  'topical',
  'margin',
  'log terms',
  'log matched weight',
  'log topical weight',
  'asks for advice',
  'content coverage',
  'content topical',
  'question fit',
  'out-of-scope fit',
] as const;

export interface DecisionModel {
  /** Feature means and spreads of the development set: features are standardised before the weights. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Probability from which the best article is shown. */
  cutoff: number;
}

export const DEFAULT_MODEL: DecisionModel = FITTED_MODEL;

/** The features of a search, in FEATURES order; null when no article matched at all. */
export function featuresOf(result: SearchResult, advice = false): number[] | null {
  const [top, second] = result.hits;
  if (!top) return null;
  return [
    Math.log1p(top.score),
    result.informative ? top.score / result.informative : 0,
    top.coverage,
    top.topical,
    second ? (top.score - second.score) / top.score : 1,
    Math.log1p(result.terms),
    Math.log1p(top.coverage * result.informative),
    Math.log1p(top.topical * result.informative),
    advice ? 1 : 0,
    top.fit?.content ?? 0,
    top.fit?.contentTopical ?? 0,
    top.fit?.question ?? 0,
    result.outOfScope,
  ];
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability that the best article answers the question. */
export function probability(model: DecisionModel, features: number[] | null): number {
  if (!features) return 0;
  let z = model.bias;
  for (let i = 0; i < features.length; i++) z += (model.weights[i] * (features[i] - model.mean[i])) / model.scale[i];
  return sigmoid(z);
}
