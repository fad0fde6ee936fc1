// Builds the web desk into dist/desk (served at /desk): one minified bundle, its stylesheet and the page.
// Runs at `npm install` (postinstall) and `npm run build`; prints the gzipped size of the JavaScript.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'dist', 'desk');
/** The budget for the first view's JavaScript, gzipped. */
const BUDGET_BYTES = 150 * 1024;

// esbuild is a development dependency: a production-only install (npm ci --omit=dev) keeps the
// desk that `npm run build` made before.
let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  console.log(existsSync(join(out, 'app.js')) ? 'desk: esbuild is not installed; keeping the built desk' : 'desk: esbuild is not installed; run npm install to build the web desk');
  process.exit(0);
}

mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(here, 'src', 'main.tsx')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'app.css'), join(out, 'app.css'));
copyFileSync(join(here, 'icon.svg'), join(out, 'icon.svg'));

const gzipped = gzipSync(readFileSync(join(out, 'app.js')), { level: 9 }).length;
console.log(`desk: dist/desk/app.js ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
if (gzipped > BUDGET_BYTES) {
  console.error('desk: the JavaScript is over its budget');
  process.exit(1);
}
