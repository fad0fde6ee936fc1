import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from './lib/service';
const sleep = (ms: number) => new Promise((d) => setTimeout(d, ms));
async function main() {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'rss-')), 'pg');
  const first = await startService({ dataDir, env: { LOG_LEVEL: 'info' } });
  console.log('fresh ready', first.readyAfterMs.toFixed(0));
  console.log(first.output().split('\n').filter((l) => /ready|Applied|imported|schema/i.test(l)).map((l) => { try { const j = JSON.parse(l); return `${j.time} ${j.context} ${j.msg}`; } catch { return l; } }).join('\n'));
  await first.stop();
  for (const env of [{}, { MIGRATE_ON_BOOT: 'false' }, { KB_IMPORT_ON_EMPTY: 'false', MIGRATE_ON_BOOT: 'false' }]) {
    const s = await startService({ dataDir, env });
    await sleep(5000);
    const status = require('fs').readFileSync(`/proc/${s.pid}/status`, 'utf8');
    console.log(JSON.stringify(env), 'ready', s.readyAfterMs.toFixed(0), status.match(/VmRSS.*|RssAnon.*|RssFile.*/g)?.join(' '));
    await s.stop();
  }
}
main();
