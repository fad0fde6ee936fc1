import { AppConfig, isTwilioEnabled } from '../config/app-config';
import { DatabaseConnection } from '../database/database-connection';
import { pendingMigrations } from '../database/migrator';
import { createTwilioClient } from '../flex/twilio-client';

/**
 * The checks `bridge doctor` runs after the configuration itself validated: each says ok, off
 * (not configured, which is fine) or a problem with what to do. Network checks time out quickly.
 */
export interface CheckResult {
  name: string;
  status: 'ok' | 'off' | 'problem';
  detail: string;
}

const failure = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

export async function checkDatabase(config: AppConfig): Promise<CheckResult> {
  const name = 'Database';
  let db: DatabaseConnection | undefined;
  try {
    db = await DatabaseConnection.attach(config, undefined, { migrate: false });
    const pending = await pendingMigrations(db.url);
    const where = config.DATABASE_URL ? 'DATABASE_URL' : `embedded Postgres in ${config.EMBEDDED_PG_DIR}`;
    if (pending.length > 0) {
      return { name, status: config.MIGRATE_ON_BOOT ? 'ok' : 'problem', detail: `${where} reachable; ${pending.length} migration(s) pending: ${config.MIGRATE_ON_BOOT ? 'applied at the next start' : 'run bridge migrate'}` };
    }
    return { name, status: 'ok', detail: `${where} reachable, schema up to date` };
  } catch (error) {
    return { name, status: 'problem', detail: failure(error) };
  } finally {
    await db?.close();
  }
}

export async function checkDiscord(config: AppConfig, fetchImpl: typeof fetch = fetch): Promise<CheckResult> {
  const name = 'Discord';
  if (!config.DISCORD_TOKEN) return { name, status: 'off', detail: 'DISCORD_TOKEN unset: the bot is off' };
  try {
    // GET /applications/@me (Discord's "Get Current Application"): proves the token, names the application.
    const response = await fetchImpl(`${config.DISCORD_API_URL.replace(/\/$/, '')}/v10/applications/@me`, {
      headers: { authorization: `Bot ${config.DISCORD_TOKEN}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 401) return { name, status: 'problem', detail: 'Discord rejected DISCORD_TOKEN (401): reset the token in Developer Portal > Bot and set it again' };
    if (!response.ok) return { name, status: 'problem', detail: `Discord answered ${response.status} to GET /applications/@me` };
    const app = (await response.json()) as { id: string; name: string };
    if (config.DISCORD_APPLICATION_ID && config.DISCORD_APPLICATION_ID !== app.id) {
      return { name, status: 'problem', detail: `the token belongs to application ${app.name} (${app.id}) but DISCORD_APPLICATION_ID is ${config.DISCORD_APPLICATION_ID}` };
    }
    return { name, status: 'ok', detail: `token accepted: application ${app.name} (${app.id})` };
  } catch (error) {
    return { name, status: 'problem', detail: `cannot reach ${config.DISCORD_API_URL}: ${failure(error)}` };
  }
}

export async function checkTwilio(config: AppConfig): Promise<CheckResult> {
  const name = 'Twilio';
  if (!isTwilioEnabled(config)) return { name, status: 'off', detail: 'TWILIO_ACCOUNT_SID unset: help chats wait for leads in the REST API and the desk' };
  try {
    // Any authenticated read proves the credentials; the Studio flow list is one the service uses anyway.
    await createTwilioClient(config).studio.v2.flows.list({ limit: 1 });
    const using = config.TWILIO_API_KEY ? `API key ${config.TWILIO_API_KEY}` : 'the auth token';
    return { name, status: 'ok', detail: `credentials accepted for ${config.TWILIO_ACCOUNT_SID} (${using})` };
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401) {
      return { name, status: 'problem', detail: 'Twilio rejected the credentials (401): check TWILIO_ACCOUNT_SID with TWILIO_API_KEY/TWILIO_API_SECRET or TWILIO_AUTH_TOKEN' };
    }
    return { name, status: 'problem', detail: `Twilio call failed: ${failure(error)}` };
  }
}
