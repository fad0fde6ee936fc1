import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root, whether this file runs from bench/lib (ts-node) or dist/bench/lib (compiled). */
export const ROOT = resolve(__dirname, '..', '..', existsSync(resolve(__dirname, '..', '..', 'package.json')) ? '' : '..');

/** The compiled service the benchmarks measure (`npm run build` writes it). */
export const DIST_MAIN = resolve(ROOT, 'dist', 'src', 'main.js');
export const SOURCE_MAIN = resolve(ROOT, 'src', 'main.ts');
/** A require hook compiling TypeScript with swc, for running the service from source. */
export const SWC_REGISTER = resolve(ROOT, 'bench', 'lib', 'swc-register.js');
