// Runs the service from TypeScript sources in a child process (`node -r scripts/swc-register.js
// src/main.ts`), compiling each file with swc and the project's .swcrc, like Jest does. ts-node
// needs ~15 s to boot the app; this needs ~2 s. Used by `npm run dev`, the CLI tests and the benchmarks.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const options = JSON.parse(readFileSync(join(__dirname, '..', '.swcrc'), 'utf8'));
delete options.$schema;

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename, swcrc: false, sourceMaps: 'inline' });
  module._compile(code, filename);
};
