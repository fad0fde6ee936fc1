// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.361,1.6899,0.6456,0.4798,0.4885,0.7436,1.1415,1.6301],"scale":[0.6803,1.0939,0.2622,0.3256,0.291,0.2807,1.3254,0.3026],"weights":[1.3006,0.3405,0.2618,0.4822,0.1341,1.0872,-0.552,0.5301],"bias":0.6428,"cutoff":0.35};
