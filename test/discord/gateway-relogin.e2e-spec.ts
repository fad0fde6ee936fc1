import { Client as PgClient } from 'pg';
import { GatewayLeader } from '../../src/discord/gateway-leader';
import { eventually } from '../utils/eventually';
import { expectServingAgain, gatewayReadiness, identifyCount } from '../utils/gateway-session';
import { createDiscordTestApp, DiscordTestApp } from '../utils/test-discord';

jest.setTimeout(60_000);

/**
 * A replica that left the gateway (its lock's connection dropped) and leads again logs the same
 * discord.js client in a second time: readiness says "connecting", then "ready" once the new
 * session is READY, and the new session carries the bot's work.
 */
describe('leading the gateway again after losing its lock', () => {
  let t: DiscordTestApp;

  beforeAll(async () => {
    t = await createDiscordTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports connecting, then ready on the new session, and answers a command and a DM over it', async () => {
    await eventually(async () => (await gatewayReadiness(t)) === 'ready', 10_000, 'the first session');
    const identifies = identifyCount(t.discord);

    // What another replica sees when this one's host stops answering: Postgres ends its lock's session.
    const sql = new PgClient({ connectionString: t.databaseUrl });
    await sql.connect();
    await sql.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'bridge-gateway-leader' AND datname = current_database()`);
    await sql.end();
    await eventually(() => t.app.get(GatewayLeader).status === 'follower', 5000, 'the replica to leave the gateway');
    await eventually(async () => (await gatewayReadiness(t)) === 'connecting', 10_000, 'the replica to lead and connect again');
    await expectServingAgain(t, t.discord, identifies);
  });
});
