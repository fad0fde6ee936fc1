// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh + round3).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[3.0231,3.206,0.7105,0.4913,0.4957,1.887,1.8552,1.4379,0.0651,0.7076,0.4933,0.4637,0.2794],"scale":[0.7416,2.2741,0.2652,0.3118,0.2636,0.4946,0.5345,0.5994,0.2468,0.2728,0.318,0.2371,0.1788],"weights":[2.3715,1.9154,0.6306,0.4637,-1.0352,-0.6066,0.8559,-0.2394,-0.5566,0.0177,-1.3844,0.9227,-1.1453],"bias":1.1671,"cutoff":0.375};
