import { readFileSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { FakeDiscord } from '../test/fakes/discord';
import { discordEnv } from '../test/utils/test-discord';
import { RssSampler } from './lib/rss';
import { startService } from './lib/service';

/**
 * Ten players each send one help DM with ten 8 MiB files at once, through the fake Discord, to the
 * compiled service (a child process). Prints the service's idle RSS, its peak during the load
 * (sampled every 50 ms, and the kernel's high-water mark VmHWM, reset after idle), what was stored
 * and how many players were told why files were refused. The fake serves one shared buffer for all
 * 100 files, so the benchmark's own memory stays out of the figures (it is another process anyway).
 *
 *   npm run bench:attachments [-- --players 10 --files 10 --mib 8]
 */
const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const PLAYERS = arg('players', 10);
const FILES = arg('files', 10);
const MIB = arg('mib', 8);
/** `--env NAME=value` (repeatable) passes settings to the service, e.g. --env DISCORD_ATTACHMENT_DAILY_BYTES=0. */
const extraEnv = Object.fromEntries(
  process.argv.flatMap((value, i) => (process.argv[i - 1] === '--env' ? [value.split(/=(.*)/s).slice(0, 2)] : [])),
) as Record<string, string>;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const hwmMb = (pid: number) => Number(/^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

async function main() {
  const discord = await FakeDiscord.start();
  const service = await startService({ env: { ...discordEnv(discord), LOG_LEVEL: 'error', ...extraEnv } });
  const db = new Client({ connectionString: service.databaseUrl });
  try {
    await discord.waitForCommands(30_000);
    await db.connect();
    // A PNG header then filler: a valid-looking image of exactly MIB MiB (the default per-file cap).
    const data = Buffer.alloc(MIB * 1024 * 1024, 0x5a);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(data);
    const players = Array.from({ length: PLAYERS }, (_, i) => discord.user({ username: `loader_${i}` }));
    const messages = players.map((user, p) => ({
      user,
      attachments: Array.from({ length: FILES }, (_, f) => discord.addAttachment({ filename: `p${p}-shot-${f}.${process.argv.includes("--wrong-type") ? "exe" : "png"}`, data, contentType: 'image/png' })),
    }));

    await sleep(5000);
    const idle = service.rssMb()!;
    try {
      writeFileSync(`/proc/${service.pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    } catch {
      // not permitted here: VmHWM then includes start-up
    }
    const sampler = new RssSampler(service.pid, 50).start();
    const started = Date.now();
    for (const { user, attachments } of messages) discord.dispatchMessage({ user, content: 'my game crashes, screenshots attached', attachments });

    const dms = (id: string) => discord.dmMessages(id).filter((m) => m.author.id === discord.botUser.id);
    const told = () => players.filter((user) => dms(user.id).some((m) => m.content.includes('was not received'))).length;
    const storedPlayers = async () =>
      Number((await db.query(`SELECT count(DISTINCT "messageId") AS n FROM "MessageMedia"`)).rows[0].n);
    const deadline = Date.now() + 180_000;
    const expectStored = extraEnv.DISCORD_ATTACHMENT_DAILY_BYTES === "0" || process.argv.includes("--wrong-type") ? 0 : PLAYERS;
    while ((told() < PLAYERS || (await storedPlayers()) < expectStored) && Date.now() < deadline) await sleep(100);
    const elapsed = Date.now() - started;
    await sleep(1000);
    const peak = sampler.stop();
    const hwm = hwmMb(service.pid);
    const stored = (await db.query(`SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM "MessageMedia"`)).rows[0];
    const refusedLines = players.flatMap((user) => dms(user.id).flatMap((m) => m.content.split('\n').filter((line) => line.includes('was not received'))));
    const lines = [
      `players ${PLAYERS} × ${FILES} files × ${MIB} MiB sent at once (${PLAYERS * FILES * MIB} MiB offered)`,
      `idle RSS            ${idle.toFixed(0)} MB`,
      `peak RSS (sampled)  ${peak.toFixed(0)} MB  (+${(peak - idle).toFixed(0)} MB over idle)`,
      `peak RSS (VmHWM)    ${hwm.toFixed(0)} MB  (+${(hwm - idle).toFixed(0)} MB over idle)`,
      `stored              ${stored.files} files, ${(Number(stored.bytes) / 1024 / 1024).toFixed(0)} MiB (within each player's daily quota)`,
      `refused             ${refusedLines.length} files, ${told()} of ${PLAYERS} players told why`,
      `done in             ${(elapsed / 1000).toFixed(1)} s`,
      `within 100 MB of idle: ${Math.max(peak, hwm) - idle <= 100 ? 'PASS' : 'MISS'}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await db.end().catch(() => undefined);
    await service.stop();
    await discord.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
