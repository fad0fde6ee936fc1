// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.6366,1.9662,0.6762,0.5574,0.4875,0.7948,1.0172,1.7382,1.7955,1.5865,0.0657,0.6707,0.5575],"scale":[0.643,1.1537,0.2614,0.2877,0.2745,0.2646,1.3041,0.3749,0.4817,0.5494,0.2478,0.2699,0.2949],"weights":[3.0096,1.0427,0.1353,-0.4719,0.0243,0.972,-0.7291,0.5907,-1.3939,-0.2852,-1.1831,0.713,-0.8595],"bias":0.5919,"cutoff":0.475};
