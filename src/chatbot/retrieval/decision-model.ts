// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.6443,2.0337,0.6976,0.5502,0.4863,0,0,1.7354,1.7998,1.5473,0.0653,0.6933,0.5522,0.4331],"scale":[0.6438,1.1704,0.2635,0.2917,0.2694,1,1,0.374,0.4882,0.5595,0.2471,0.2691,0.2956,0.2718],"weights":[2.3241,1.2753,-0.2233,0.1333,-0.6559,0,0,-0.6493,0.4045,0.1414,-0.9008,0.1702,-1.0531,0.7644],"bias":0.6903,"cutoff":0.45};
