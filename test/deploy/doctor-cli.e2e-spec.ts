// bridge doctor against the local fakes of Discord and Twilio and a real Postgres.
import { FakeDiscord } from '../fakes/discord';
import { discordEnv } from '../utils/test-discord';
import { runCli } from '../utils/run-cli';
import { startTestTwilio, TestTwilio } from '../utils/test-twilio';
import { createTestDatabase } from '../utils/test-database';

describe('bridge doctor', () => {
  let discord: FakeDiscord;
  let twilio: TestTwilio;
  let database: { url: string; drop: () => Promise<void> };
  let env: Record<string, string>;

  beforeAll(async () => {
    [discord, twilio, database] = await Promise.all([FakeDiscord.start(), startTestTwilio(), createTestDatabase()]);
    env = { ...discordEnv(discord), ...twilio.env, DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await Promise.all([discord.close(), twilio.stop(), database.drop()]);
  });

  it('reports every part fine, with exit code 0', async () => {
    const run = await runCli(['doctor'], env);
    expect(run.stdout).toMatch(/^ok +Configuration: every variable is valid$/m);
    expect(run.stdout).toMatch(/^ok +Database: DATABASE_URL reachable, schema up to date$/m);
    expect(run.stdout).toMatch(/^ok +Discord: token accepted: application /m);
    expect(run.stdout).toMatch(/^ok +Twilio: credentials accepted for AC/m);
    expect(run.stdout).toContain('Everything checked is fine.');
    expect(run.code).toBe(0);
  });

  it('says what is wrong: rejected credentials, an unreachable database; exit code 1', async () => {
    const run = await runCli(['doctor'], {
      ...env,
      DISCORD_TOKEN: 'MTAx.bad.token',
      TWILIO_API_SECRET: 'wrong-secret',
      DATABASE_URL: 'postgresql://bridge:pw@127.0.0.1:9/bridge',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^PROBLEM +Database: Cannot reach the database at 127\.0\.0\.1:9 \(DATABASE_URL\)/m);
    expect(run.stdout).toMatch(/^PROBLEM +Discord: Discord rejected DISCORD_TOKEN \(401\)/m);
    expect(run.stdout).toMatch(/^PROBLEM +Twilio: Twilio rejected the credentials \(401\)/m);
    expect(run.stdout).toContain('3 problem(s) found.');
    expect(run.stdout + run.stderr).not.toContain('wrong-secret');
  });

  it('reports a bad configuration first, without secret values, and what is off', async () => {
    const bad = await runCli(['doctor'], { TWILIO_AUTH_TOKEN: 'a-short-secret' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^PROBLEM +Configuration: /m);
    expect(bad.stdout).toContain('TWILIO_ACCOUNT_SID=null');
    expect(bad.stdout).not.toContain('a-short-secret');
    const off = await runCli(['doctor'], { DATABASE_URL: database.url });
    expect(off.stdout).toMatch(/^off +Discord: DISCORD_TOKEN unset/m);
    expect(off.stdout).toMatch(/^off +Twilio: TWILIO_ACCOUNT_SID unset/m);
    expect(off.code).toBe(0);
  });
});
