// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.412,1.7783,0.6622,0.5112,0.4953,0.7673,1.0413,1.608,1.6757,1.3593,0.0889],"scale":[0.6757,1.1063,0.2628,0.32,0.281,0.2663,1.2579,0.3048,0.4801,0.6978,0.2846],"weights":[0.7954,0.4357,0.3654,0.1997,0.3097,0.8674,-0.8868,0.0841,0.5011,0.5544,-0.5806],"bias":0.66,"cutoff":0.3};
