// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.4144,1.8345,0.6711,0.5247,0.5097,0.7682,1.0268,1.5993],"scale":[0.6696,1.115,0.2665,0.3236,0.2924,0.277,1.3025,0.3043],"weights":[1.336,0.2608,0.2881,0.5389,0.1762,1.0833,-0.5125,0.5422],"bias":0.99,"cutoff":0.225};
