import { Client } from 'pg';
import { FakeDiscord } from '../test/fakes/discord';
import { fmt, printReport, ScenarioReport, Table, Verdict } from './lib/report';
import { RunningService, startService } from './lib/service';
import { percentile } from './lib/stats';
import { discordEnv } from '../test/utils/test-discord';

export const TITLE = 'Slash commands: 200 concurrent /bug through the fake gateway';
export const TARGETS = ['p99 from INTERACTION_CREATE to the interaction callback ≤ 100 ms'];
const CALLBACK_P99_MS = 100;
const CALLBACK_ROUTE = '/interactions/{interaction_id}/{interaction_token}/callback';

export interface CommandsOptions {
  concurrent: number;
  bursts: number;
  warmup: number;
  entry?: 'dist' | 'source';
  log?: (line: string) => void;
}

export const COMMANDS_DEFAULTS: CommandsOptions = { concurrent: 200, bursts: 3, warmup: 20 };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function caseCount(service: RunningService): Promise<number> {
  const client = new Client({ connectionString: service.databaseUrl });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Case" WHERE "type" = 'BUG'`)).rows[0].n);
  } finally {
    await client.end();
  }
}

/**
 * Dispatches `concurrent` /bug interactions over the gateway in one go (the bot receives them as
 * fast as its websocket delivers) and times, per interaction, INTERACTION_CREATE → the callback
 * Discord requires within 3 s (here the form), and → the visible answer to the submitted form.
 * Times are the fake's clock on both ends.
 */
async function burst(discord: FakeDiscord, count: number, label: string): Promise<{ callback: number[]; visible: number[]; failed: number }> {
  const channelId = discord.channel('bug-report');
  const callback: number[] = [];
  const visible: number[] = [];
  let failed = 0;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      try {
        const user = discord.user({ username: `tester_${label}_${i}` });
        const command = discord.dispatchInteraction(discord.slashCommand({ name: 'bug', user, channelId, options: { severity: 'high' } }));
        // /bug answers with its form (a modal, callback type 9); the form's submission files the case.
        const ack = await discord.waitFor((r) => r.route === CALLBACK_ROUTE && r.params.interaction_token === command.token, 30_000);
        const modal = discord.interactions.get(command.token)!.modal;
        if (ack.status >= 300 || !modal) throw new Error('no form');
        callback.push(ack.at - discord.interactions.get(command.token)!.dispatchedAt);
        // Distinct words per report, so the duplicate suggestions do not stop the filing.
        const words = `${label} ${i} ${Buffer.from(`${label}-${i}`).toString('hex')}`;
        const values = { title: `Crash report ${words}`, steps: `Steps ${words} ${'x'.repeat(20)}`, expected: 'No crash', platform: 'PC', version: '1.0' };
        const submit = discord.dispatchInteraction(discord.modalSubmit({ customId: modal.custom_id, values, user, channelId }));
        await discord.waitForReply(submit, 30_000);
        visible.push(Date.now() - discord.interactions.get(command.token)!.dispatchedAt);
      } catch {
        failed++;
      }
    }),
  );
  return { callback: callback.sort((a, b) => a - b), visible: visible.sort((a, b) => a - b), failed };
}

export async function runCommandsScenario(options: CommandsOptions = COMMANDS_DEFAULTS): Promise<ScenarioReport> {
  const log = options.log ?? (() => undefined);
  const discord = await FakeDiscord.start();
  let service: RunningService | undefined;
  try {
    service = await startService({
      entry: options.entry,
      env: {
        ...discordEnv(discord),
        DISCORD_BUG_CHANNEL_IDS: discord.channel('bug-report'),
        DISCORD_FEATURE_CHANNEL_IDS: discord.channel('feature-request'),
      },
    });
    await discord.waitForCommands(30_000);
    log(`C: ${options.warmup} /bug to warm up`);
    await burst(discord, options.warmup, 'warmup');
    const before = await caseCount(service);
    const rows: string[][] = [];
    const verdicts: Verdict[] = [];
    const all = { callback: [] as number[], visible: [] as number[], failed: 0 };
    for (let i = 1; i <= options.bursts; i++) {
      log(`C: burst ${i} of ${options.concurrent} /bug`);
      const rssBefore = service.rssMb();
      const result = await burst(discord, options.concurrent, `b${i}`);
      all.callback.push(...result.callback);
      all.visible.push(...result.visible);
      all.failed += result.failed;
      const p99 = percentile(result.callback, 99);
      const verdict: Verdict = result.failed === 0 && p99 <= CALLBACK_P99_MS ? 'PASS' : 'MISS';
      verdicts.push(verdict);
      rows.push([
        `burst ${i}: ${options.concurrent} at once`,
        String(result.callback.length),
        String(result.failed),
        fmt(percentile(result.callback, 50), 0),
        fmt(percentile(result.callback, 97.5), 0),
        fmt(p99, 0),
        fmt(result.callback[result.callback.length - 1], 0),
        fmt(percentile(result.visible, 50), 0),
        fmt(percentile(result.visible, 99), 0),
        fmt(Math.max(rssBefore ?? 0, service.rssMb() ?? 0), 0),
        `callback p99 ≤ ${CALLBACK_P99_MS} ms`,
        verdict,
      ]);
      await sleep(1000);
    }
    all.callback.sort((a, b) => a - b);
    const created = (await caseCount(service)) - before;
    const table: Table = {
      columns: ['run', 'answered', 'failed', 'callback p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'visible reply p50 ms', 'p99 ms', 'RSS MB', 'target', 'result'],
      rows,
    };
    return {
      id: 'C',
      title: TITLE,
      targets: TARGETS,
      table,
      loads: [],
      verdicts,
      notes: [
        `${created} BUG cases created for ${options.concurrent * options.bursts} commands; all bursts together: callback p99 ${fmt(percentile(all.callback, 99), 0)} ms over ${all.callback.length} interactions`,
        "the callback is the form (modal, type 9) /bug answers with; the visible reply is the private confirmation after the form is submitted (the post itself is made by the queue). Times are the fake Discord's Date.now() at dispatch and at the recorded request (1 ms resolution)",
        "discord.js queues REST calls behind its global 50 requests/s limiter, so each burst's edits leave at that pace while the callbacks (interaction endpoints) are not held back",
      ],
    };
  } finally {
    await service?.stop();
    await discord.close();
  }
}

if (require.main === module) {
  runCommandsScenario({ ...COMMANDS_DEFAULTS, log: (line) => process.stderr.write(`${line}\n`) })
    .then((report) => printReport(report))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    });
}
