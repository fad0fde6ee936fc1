// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.9937,3.4056,0.7211,0.5397,0.5139,1.7363,1.7862,1.4747,0.0651,0.7155,0.5401,0.4923,0.3332],"scale":[0.753,2.3609,0.2676,0.3034,0.2755,0.3745,0.4982,0.5782,0.2467,0.2776,0.3103,0.2741,0.2457],"weights":[3.55,2.0217,-0.3955,-0.211,-0.8803,-0.9761,-0.0462,-0.05,-0.8748,0.6755,-1.1809,0.0715,-1.3798],"bias":1.0695,"cutoff":0.35};
