#!/usr/bin/env node
// postinstall: generates the Prisma client into src/generated/prisma, offline.
// `prisma generate` insists on locating a native schema engine it does not use for the
// `prisma-client` generator; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies it,
// so no engine download is attempted (see ARCHITECTURE: the download is unreachable here).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(prismaCli)) {
  console.log('prisma CLI not installed (production install?): skipping client generation');
  process.exit(0);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = __filename;
const result = spawnSync(process.execPath, [prismaCli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
