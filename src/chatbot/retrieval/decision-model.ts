// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.6421,2.0007,0.6875,0.5532,0.4873,0.8028,0.9734,1.7389,1.7997,1.5653,0.0656,0.6829,0.5555,0.3429],"scale":[0.6444,1.1657,0.2628,0.2904,0.2704,0.264,1.2933,0.375,0.4863,0.5595,0.2476,0.269,0.2945,0.2933],"weights":[2.4062,1.2905,-0.0979,-0.3946,-0.0716,0.8003,-0.9578,0.6006,-1.303,0.2532,-1.0885,0.7931,-1.0549,0.4384],"bias":0.6345,"cutoff":0.375};
