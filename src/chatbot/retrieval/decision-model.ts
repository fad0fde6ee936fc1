// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot.
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.4388,1.8416,0.6722,0.5384,0.5057,0.7728,1.0161,1.6001,1.6792,1.4051,0.0751,0.6686,0.5386],"scale":[0.6578,1.1054,0.2625,0.3144,0.2831,0.2671,1.264,0.3007,0.4667,0.6569,0.2635,0.2733,0.3212],"weights":[2.1255,1.8462,-0.417,-1.7133,0.3569,0.5734,-2.4518,0.3162,0.0602,1.1253,-1.2061,0.5198,0.2206],"bias":1.0201,"cutoff":0.2};
