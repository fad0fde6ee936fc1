// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh + round3).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[3.0162,3.1588,0.7079,0.4867,0.4986,1.8867,1.8593,1.4357,0.0651,0.7052,0.4893,0.4605,0.2799],"scale":[0.7376,2.2559,0.2652,0.3099,0.2634,0.4944,0.5315,0.597,0.2468,0.2729,0.3157,0.2383,0.1784],"weights":[2.2742,1.9002,0.6251,0.5518,-1.0676,-0.6196,0.9743,-0.1966,-0.5455,-0.0861,-1.3646,0.9958,-1.1611],"bias":1.1794,"cutoff":0.35};
