#!/usr/bin/env node
// Every optional dependency a locked package declares must be locked too (even when it is for
// another OS): that is what `npm ci` on macOS, Windows or Linux needs to find.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// node scripts/ci/lockfile-platforms.js [path/to/package-lock.json]
const lock = JSON.parse(readFileSync(process.argv[2] ?? join(__dirname, '..', '..', 'package-lock.json'), 'utf8'));
const packages = lock.packages ?? {};

/** Where node would find `name` from the package at `path` (walking up node_modules folders). */
function resolves(path, name) {
  for (let dir = path; ; ) {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
    const at = dir.lastIndexOf('node_modules/');
    dir = at <= 0 ? '' : dir.slice(0, at - 1);
  }
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!resolves(path, name)) missing.push(`${name} (optional dependency of ${path || 'the project'})`);
  }
}
if (missing.length > 0) {
  console.error(`package-lock.json lacks ${missing.length} optional packages:\n  ${missing.join('\n  ')}\nRun scripts/lockfile-refresh.`);
  process.exit(1);
}
const platforms = Object.keys(packages).filter((path) => packages[path].os || packages[path].cpu).length;
console.log(`check-lockfile: every optional dependency is locked (${platforms} platform-specific packages)`);
