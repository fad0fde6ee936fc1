// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.9937,3.4056,0.7211,0.5397,0.5139,0.8258,0.8434,1.7363,1.7862,1.4747,0.0651,0.7155,0.5401,0.4923,0.3332],"scale":[0.753,2.3609,0.2676,0.3034,0.2755,0.2633,1.2803,0.3745,0.4982,0.5782,0.2467,0.2776,0.3103,0.2741,0.2457],"weights":[2.3398,1.4068,-0.243,-0.1049,-0.2049,-0.138,-2.0788,0.5182,-1.0611,0.2819,-0.9089,0.8693,-1.0086,0.5308,-1.4506],"bias":0.9771,"cutoff":0.4};
