// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.412,1.7783,0.6622,0.5112,0.4953,0.7673,1.0413,1.608,1.6757,1.3593],"scale":[0.6757,1.1063,0.2628,0.32,0.281,0.2663,1.2579,0.3048,0.4801,0.6978],"weights":[0.8674,0.4791,0.3605,0.2385,0.2861,0.87,-0.9209,0.042,0.5046,0.574],"bias":0.6802,"cutoff":0.3};
