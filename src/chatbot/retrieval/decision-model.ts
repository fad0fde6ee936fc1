// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.9687,3.1445,0.6973,0.5458,0.5277,0.8142,0.9114,1.7354,1.7987,1.5333,0.0653,0.6932,0.5474,0.4434,0.2659],"scale":[0.7437,2.2266,0.265,0.2955,0.2821,0.2651,1.2924,0.374,0.4913,0.5743,0.2471,0.2709,0.2997,0.2637,0.2235],"weights":[1.0887,0.3676,0.072,0.0582,0.0536,0.7882,-1.0512,0.3703,-0.0069,0.1091,-0.5944,0.1452,-0.1367,0.8652,-1.0555],"bias":0.7917,"cutoff":0.5};
