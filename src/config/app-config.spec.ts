import { ConfigValidationError, isStaffDeskEnabled, loadConfig } from './app-config';

/** The error loadConfig throws for this environment (fails the test if it does not throw). */
function failure(env: Record<string, string>): ConfigValidationError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('runs with nothing set: defaults for a laptop, the embedded Postgres', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', MIGRATE_ON_BOOT: true, BODY_LIMIT_BYTES: 1024 * 1024, RATE_LIMIT_PER_MINUTE: 600 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.BOOTSTRAP_API_KEY).toBeUndefined();
  });

  it('converts numbers and booleans from their text form; empty means unset', () => {
    const config = loadConfig({ PORT: '8080', MIGRATE_ON_BOOT: 'false', BODY_LIMIT_BYTES: '4096', DATABASE_URL: '', BOOTSTRAP_API_KEY: '' });
    expect(config).toMatchObject({ PORT: 8080, MIGRATE_ON_BOOT: false, BODY_LIMIT_BYTES: 4096 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.BOOTSTRAP_API_KEY).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/bridge' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/bridge');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/bridge' }).DATABASE_URL).toBe('postgres://db/bridge');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://db/bridge'],
    ['DATABASE_URL', 'db.example.com:5432'],
    ['MIGRATE_ON_BOOT', 'maybe'],
    ['BODY_LIMIT_BYTES', '10'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['PUBLIC_URL', 'bridge.example.com'],
  ])('refuses %s=%s, naming the variable and the value', (name, value) => {
    const error = failure({ [name]: value });
    expect(error.message).toContain(`${name}="${value}"`);
  });

  it.each([
    ['BOOTSTRAP_API_KEY', { BOOTSTRAP_API_KEY: 'too-short-secret' }],
    ['DISCORD_TOKEN', { DISCORD_TOKEN: 'client-secret-without-dots' }],
    ['TWILIO_AUTH_TOKEN', { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'short-secret' }],
    ['TWILIO_API_KEY', { TWILIO_API_SECRET: 'the-api-secret-value' }],
  ])('names %s and the reason but never prints a secret value', (name, env) => {
    const error = failure(env as Record<string, string>);
    expect(error.message).toContain(name);
    for (const [key, value] of Object.entries(env)) {
      if (!key.startsWith('TWILIO_ACCOUNT')) expect(error.message).not.toContain(value);
    }
  });

  it('shows a bad DATABASE_URL without its password', () => {
    const error = failure({ DATABASE_URL: 'mysql://bridge:s3cr3t-pass@db:3306/bridge' });
    expect(error.message).toContain('DATABASE_URL="mysql://bridge:***@db:3306/bridge"');
    expect(error.message).not.toContain('s3cr3t-pass');
  });

  it('names every bad variable in one error', () => {
    const error = failure({ PORT: 'x', DATABASE_URL: 'mysql://db', LOG_LEVEL: 'loud' });
    expect(error.message.split('\n').filter((line) => line.startsWith('  '))).toHaveLength(3);
    expect(error.message).toContain('PORT="x"');
    expect(error.message).toContain('LOG_LEVEL="loud"');
    expect(error.message).toContain('DATABASE_URL="mysql://db": DATABASE_URL must be a postgres:// or postgresql:// URL');
  });

  it('ignores environment variables it does not know', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', SOMETHING_ELSE: '1' })).not.toThrow();
  });

  it('the staff desk needs its role with its channel, both Discord ids; it is on only with the bot', () => {
    expect(failure({ DISCORD_STAFF_CHANNEL_ID: '123456789012345678' }).message).toContain('DISCORD_STAFF_ROLE_ID is required with DISCORD_STAFF_CHANNEL_ID');
    expect(failure({ DISCORD_STAFF_CHANNEL_ID: '123456789012345678', DISCORD_STAFF_ROLE_ID: 'staff' }).message).toContain('DISCORD_STAFF_ROLE_ID must be a Discord role id');
    expect(failure({ DISCORD_STAFF_CHANNEL_ID: '#staff', DISCORD_STAFF_ROLE_ID: '123456789012345678' }).message).toContain('DISCORD_STAFF_CHANNEL_ID must be a Discord channel id');
    const ids = { DISCORD_STAFF_CHANNEL_ID: '123456789012345678', DISCORD_STAFF_ROLE_ID: '223456789012345678' };
    expect(loadConfig(ids).STAFF_NOTE_PREFIX).toBe('!n ');
    expect(isStaffDeskEnabled(loadConfig(ids))).toBe(false);
    expect(isStaffDeskEnabled(loadConfig({ ...ids, DISCORD_TOKEN: 'aaaa.bbbb.cccc' }))).toBe(true);
  });

  it('has the lifecycle defaults and checks SUPPORT_HOURS with a message saying what is wrong', () => {
    expect(loadConfig({})).toMatchObject({ SLA_FIRST_RESPONSE_MINUTES: 15, STALE_CHAT_HOURS: 24, AUTO_CLOSE_HOURS: 24, CSAT_ENABLED: true, AUTO_CLOSE_CASE_STATUS: 'RESOLVED' });
    expect(loadConfig({ SUPPORT_HOURS: 'Mon-Fri 09:00-18:00 Europe/Paris', CSAT_ENABLED: 'false' })).toMatchObject({ SUPPORT_HOURS: 'Mon-Fri 09:00-18:00 Europe/Paris', CSAT_ENABLED: false });
    expect(failure({ SUPPORT_HOURS: 'Mon-Fri 09:00-18:00 Paris' }).message).toContain('SUPPORT_HOURS="Mon-Fri 09:00-18:00 Paris": SUPPORT_HOURS: "Paris" is not an IANA time zone');
    expect(failure({ SLA_FIRST_RESPONSE_MINUTES: '0' }).message).toContain('SLA_FIRST_RESPONSE_MINUTES="0"');
  });
});
