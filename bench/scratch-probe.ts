import { seedCases } from './lib/case-seed';
import { runLoad } from './lib/load';
import { startService } from './lib/service';
import { fmt } from './lib/report';

async function main() {
  const service = await startService({ nodeArgs: process.env.PROBE_NODE_ARGS ? process.env.PROBE_NODE_ARGS.split(' ') : [] });
  await seedCases(service.databaseUrl, Number(process.env.N ?? 20000));
  const paths = (process.env.PATHS ?? '/health/live,/health/ready,/api/cases?limit=20,/api/cases?status=OPEN&type=BUG&limit=20').split(',');
  for (const c of (process.env.CONNS ?? '1,8').split(',').map(Number)) {
    for (const path of paths) {
      const r = await runLoad({ url: service.url, headers: { authorization: service.authorization }, requests: [{ path }], connections: c, durationSec: Number(process.env.DUR ?? 3), warmupSec: 1, pid: service.pid });
      console.log(`c=${c} ${path.padEnd(45)} rps ${fmt(r.rps, 0)} p50 ${fmt(r.p50, 2)} p99 ${fmt(r.p99, 2)} non2xx ${r.non2xx} rss ${fmt(r.peakRssMb, 0)}`);
    }
  }
  console.log("OUTPUT:", service.output().slice(-3000));
  await service.stop();
}
main();
