// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.4123,1.7815,0.6619,0.5127,0.4956,0.7683,1.0381,1.6067,1.6734,1.3625,0.0889],"scale":[0.6756,1.1063,0.2635,0.319,0.2798,0.2666,1.2593,0.3049,0.4808,0.6938,0.2846],"weights":[0.7958,0.4407,0.3669,0.1947,0.3119,0.8693,-0.883,0.0843,0.4982,0.5477,-0.5798],"bias":0.663,"cutoff":0.3};
