// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.4324,1.8334,0.6731,0.5313,0.5084,0.7738,1.0162,1.6004,1.6792,1.3887,0.0757],"scale":[0.6606,1.1088,0.264,0.3169,0.2802,0.2688,1.2733,0.3025,0.4695,0.6702,0.2645],"weights":[2.099,1.5969,0.3617,-1.5056,0.5189,0.4762,-2.1672,0.3019,-0.0593,1.041,-1.2547],"bias":1.0815,"cutoff":0.275};
