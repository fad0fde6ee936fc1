// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.4367,1.8385,0.673,0.5355,0.5046,0.7744,1.0107,1.5995,1.6801,1.3972,0.0751],"scale":[0.6576,1.1069,0.263,0.3169,0.2836,0.2669,1.264,0.3009,0.4668,0.6642,0.2635],"weights":[2.2025,1.8947,0.1628,-1.6025,0.3259,0.4808,-2.5182,0.3142,0.1417,1.0679,-1.2285],"bias":1.049,"cutoff":0.15};
