// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.4388,1.8402,0.6718,0.5369,0.5059,0.7744,1.0107,1.6001,1.6795,1.402,0.0751,0.6681,0.5372],"scale":[0.6575,1.1061,0.2626,0.3156,0.2827,0.2669,1.264,0.3007,0.4665,0.6606,0.2635,0.2734,0.3225],"weights":[2.1287,1.8157,-0.4067,-1.677,0.3658,0.5342,-2.4517,0.3096,0.0836,1.1318,-1.204,0.5283,0.2213],"bias":1.0297,"cutoff":0.15};
