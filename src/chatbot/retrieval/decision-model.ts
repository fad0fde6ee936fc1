// Written by `npm run bot:fit` (eval/bot/fit-decision.ts) from the development part of eval/bot (dev + fresh).
import type { DecisionModel } from './decision';

export const FITTED_MODEL: DecisionModel = {"mean":[2.9906,3.3643,0.7204,0.5401,0.5199,1.7363,1.7844,1.4765,0.0651,0.7145,0.5407,0.4831,0.2889],"scale":[0.7594,2.2812,0.269,0.3029,0.2725,0.3745,0.4997,0.5756,0.2467,0.2791,0.3096,0.2486,0.1795],"weights":[3.0695,1.6552,-0.2568,0.2003,-0.8968,-0.8136,0.2109,-0.0274,-0.8548,0.4977,-1.2931,0.6555,-1.0093],"bias":1.072,"cutoff":0.275};
