import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { applyMigrations } from '../src/database/migrator';
import { seedCases } from './lib/case-seed';

async function main() {
  const pg = new EmbeddedPostgres({ dataDir: '/tmp/bexp/pg', port: 55999 });
  await pg.start();
  await pg.createDatabase('bridge');
  const url = pg.connectionString('bridge');
  console.log(url);
  await applyMigrations(url);
  if (process.env.SEED) {
    const t = Date.now();
    const r = await seedCases(url, Number(process.env.SEED), (l) => console.log(((Date.now() - t) / 1000).toFixed(1), l));
    console.log(r);
  }
  console.log('READY');
  process.on('SIGTERM', async () => { await pg.stop(); process.exit(0); });
  setInterval(() => undefined, 1 << 30);
}
main();
