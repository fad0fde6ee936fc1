// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.6348,1.5245,0.5802,0.4833,0.4718,0.733,1.5038,1.9384,1.8598,1.6675,0.0538,0.575,0.4846],"scale":[0.5801,0.9101,0.2174,0.2408,0.2677,0.2664,1.3992,0.3816,0.4382,0.5246,0.2257,0.2205,0.2424],"weights":[4.03,0.5092,-0.3117,-2.1412,-0.2742,-0.1227,-0.4482,-0.5857,-0.8951,-0.6872,-1.6222,0.7827,0.3921],"bias":0.3241,"cutoff":0.575};
