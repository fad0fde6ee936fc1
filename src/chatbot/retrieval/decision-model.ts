// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh + round3).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[3.0366,3.2778,0.7154,0.4959,0.4924,1.8881,1.854,1.4406,0.065,0.7123,0.4975,0.469,0.2786],"scale":[0.7435,2.3021,0.266,0.312,0.2631,0.4941,0.534,0.5979,0.2465,0.2736,0.3182,0.2397,0.1797],"weights":[2.0566,1.7944,0.5631,0.6334,-1.0176,-0.6163,0.9915,-0.0823,-0.5011,0.0874,-1.4475,1.0877,-1.1738],"bias":1.1407,"cutoff":0.35};
