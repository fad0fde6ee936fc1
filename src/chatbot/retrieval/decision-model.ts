// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.3746,1.7443,0.6553,0.4977,0.4938,0.7577,1.0541,1.6074,1.6527,1.3132],"scale":[0.6814,1.1086,0.2645,0.3267,0.2873,0.2754,1.2695,0.3051,0.4785,0.7057],"weights":[0.8844,0.4117,0.3819,0.3249,0.0653,0.9634,-0.7002,0.1176,0.6913,0.778],"bias":0.737,"cutoff":0.4};
