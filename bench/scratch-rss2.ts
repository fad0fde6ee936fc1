import { startService } from './lib/service';
const sleep = (ms: number) => new Promise((d) => setTimeout(d, ms));
async function main() {
  for (const args of [['-r', '/tmp/memprobe.js'], ['-r', '/tmp/memprobe.js', '--max-semi-space-size=1'], ['-r', '/tmp/memprobe.js', '--jitless']]) {
    const s = await startService({ nodeArgs: args });
    await sleep(5500);
    console.log(args.join(' '), 'rss', s.rssMb()?.toFixed(0), s.output().split('\n').filter((l) => l.startsWith('MEM') || l.startsWith('SPACES')).join('\n'));
    await s.stop();
  }
}
main();
