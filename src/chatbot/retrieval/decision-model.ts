// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.4329,1.5924,0.6199,0.4709,0.4828,0.7456,1.2762,1.7373,1.7262,1.4041,0.0651,0.6147,0.4711],"scale":[0.6217,1.0338,0.2522,0.2979,0.2767,0.2681,1.3581,0.3732,0.4575,0.6438,0.2467,0.2609,0.3027],"weights":[2.0338,1.4027,-0.0849,-2.4357,0.0418,0.4641,-0.8586,0.0662,-0.1749,0.4794,-1.3128,0.0938,1.0849],"bias":0.7339,"cutoff":0.5};
