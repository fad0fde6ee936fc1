import { Client as PgClient } from 'pg';
import { FakeDiscord } from '../fakes/discord';
import { eventually } from '../utils/eventually';
import { AnnouncementChannelCheck } from '../../src/announcements/channel-check';
import { ServiceStoppingError } from '../../src/common/service-stopping';
import { gatewayLockOf } from '../../src/discord/gateway-leader';
import { StaffDeskCheck } from '../../src/discord/staff-desk/staff-desk-check';
import { createTestApp, TestApp } from '../utils/test-app';
import { createTestDatabase } from '../utils/test-database';
import { discordEnv } from '../utils/test-discord';

jest.setTimeout(60_000);

/** Only a guard against a hang: a close that works takes well under a second here. */
const HANG_GUARD_MS = 20_000;
/** Long enough that a held request is still held when the test stops the app. */
const HELD_MS = 60_000;

/**
 * Stopping the service while its bot is still logging in (SIGTERM during a deploy's start-up):
 * app.close() resolves at every moment of the login and leaves nothing behind: no gateway socket
 * (none opened later either), no Discord request in flight, no Postgres connection, no advisory
 * lock. The fake gateway holds HELLO or READY back, the fake REST holds a start-up request, and a
 * connection of the test holds the gateway lock as another replica would.
 */
describe('closing the app while its bot logs in', () => {
  let discord: FakeDiscord;
  let app: TestApp | undefined;

  afterEach(async () => {
    // Already closed by the test; this drops its database.
    await app?.close().catch(() => undefined);
    app = undefined;
    await discord.close();
  });

  const start = async (env: Record<string, string> = {}) => (app = await createTestApp({ ...discordEnv(discord), ...env }));

  const close = async (started: TestApp) => {
    let guard: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => (guard = setTimeout(() => reject(new Error(`app.close() did not resolve within ${HANG_GUARD_MS} ms`)), HANG_GUARD_MS)));
    try {
      await Promise.race([started.app.close(), hung]);
    } finally {
      clearTimeout(guard);
    }
  };

  /** The app's own backends and advisory locks in its database (the test's `except` connections aside) are gone. */
  const nothingLeftIn = async (databaseUrl: string, except: number[] = []) => {
    await eventually(() => discord.gateway.openSockets.size === 0, 5000, 'the gateway socket to close');
    const sql = new PgClient({ connectionString: databaseUrl });
    await sql.connect();
    const mine = [(await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid, ...except];
    try {
      await eventually(async () => {
        const { rows } = await sql.query<{ name: string }>(`SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND pid <> ALL($1)`, [mine]);
        const locks = await sql.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND pid <> ALL($1)`, [mine]);
        if (rows.length > 0 || locks.rowCount! > 0) throw new Error(`still open: ${JSON.stringify(rows.map((r) => r.name))}, ${locks.rowCount} advisory lock(s)`);
        return true;
      }, 5000, 'the app to close its Postgres connections');
    } finally {
      await sql.end();
    }
  };

  // First in the file: Necord keeps READY handlers on the shared class, so only the first app of a
  // Jest process runs its own (test/utils/lifecycle-app.ts).
  it('during the start-up check of the report forum (its channel lookup is slow): the lookup is dropped', async () => {
    discord = await FakeDiscord.start();
    discord.setLatency(HELD_MS, { method: 'GET', route: '/channels/{channel_id}' });
    const forum = discord.channel('bug-report');
    const started = await start({ DISCORD_BUG_FORUM_ID: forum });
    const lookup = () => discord.faults.delayed.find((r) => r.path === `/channels/${forum}`);
    await eventually(lookup, 10_000, 'the forum lookup');

    await close(started);
    await eventually(() => lookup()?.abandoned, 5000, 'the lookup to be given up');
    await nothingLeftIn(started.databaseUrl);
  });

  it('while the gateway socket is still being opened (the upgrade is unanswered): the handshake is given up', async () => {
    discord = await FakeDiscord.start();
    discord.gateway.hold('upgrade');
    const started = await start();
    await eventually(() => discord.gateway.upgrades.received === 1, 10_000, 'the WebSocket upgrade request');

    await close(started);
    await eventually(() => discord.gateway.upgrades.abandoned === 1, 5000, 'the handshake to be given up');
    await nothingLeftIn(started.databaseUrl);
    discord.gateway.release('upgrade');
    expect(discord.gateway.connections).toBe(0);
  });

  it('before the gateway says HELLO', async () => {
    discord = await FakeDiscord.start();
    discord.gateway.hold('hello');
    const started = await start();
    await eventually(() => discord.gateway.connections === 1, 10_000, 'the gateway connection');

    await close(started);
    await nothingLeftIn(started.databaseUrl);
    discord.gateway.release('hello');
    expect(discord.gateway.connections).toBe(1); // no reconnection after the stop
    expect(discord.liveSessionCount()).toBe(0);
  });

  it('after IDENTIFY, before READY: the start-up checks waiting for READY end with the stop', async () => {
    discord = await FakeDiscord.start({ allowPrivilegedIntents: true }); // the staff desk reads staff messages
    discord.gateway.hold('ready');
    const channel = discord.channel('general');
    const started = await start({ DISCORD_STAFF_CHANNEL_ID: channel, DISCORD_STAFF_ROLE_ID: discord.guild.id, DISCORD_ANNOUNCEMENT_CHANNEL_ID: channel });
    await discord.waitForGateway((payload) => payload.op === 2, 10_000); // IDENTIFY
    // What the app runs at bootstrap, run again to watch its outcome: both wait for READY now.
    const checks = [started.app.get(StaffDeskCheck).check(), started.app.get(AnnouncementChannelCheck).check()].map((check) => check.then(() => 'finished', (error: unknown) => error));

    await close(started);
    expect(await Promise.all(checks)).toEqual([expect.any(ServiceStoppingError), expect.any(ServiceStoppingError)]);
    await nothingLeftIn(started.databaseUrl);
    discord.gateway.release('ready');
    expect(discord.gateway.connections).toBe(1);
    expect(discord.liveSessionCount()).toBe(0);
  });

  it('while discord.js looks the gateway up (GET /gateway/bot is slow): the request is dropped, no socket opens', async () => {
    discord = await FakeDiscord.start();
    discord.setLatency(HELD_MS, { route: '/gateway/bot' });
    const started = await start();
    await eventually(() => discord.faults.delayed.find((r) => r.path === '/gateway/bot'), 10_000, 'the gateway lookup');

    await close(started);
    await eventually(() => discord.faults.delayed.find((r) => r.path === '/gateway/bot')?.abandoned, 5000, 'the lookup to be given up');
    await nothingLeftIn(started.databaseUrl);
    expect(discord.gateway.connections).toBe(0);
  });

  it('while another replica holds the gateway lock and this one campaigns for it', async () => {
    discord = await FakeDiscord.start();
    const database = await createTestDatabase();
    const replica = new PgClient({ connectionString: database.url, application_name: 'other-replica' });
    await replica.connect();
    try {
      await replica.query('SELECT pg_advisory_lock($1, $2)', gatewayLockOf(discord.applicationId));
      const replicaPid = (await replica.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      const started = await start({ DATABASE_URL: database.url });
      // The first campaign starts at bootstrap, just before createTestApp resolves: it is in flight now.
      await close(started);
      await nothingLeftIn(database.url, [replicaPid]);
      expect(discord.gateway.connections).toBe(0); // a follower never logs in
    } finally {
      await replica.end();
      await database.drop();
    }
  });
});
