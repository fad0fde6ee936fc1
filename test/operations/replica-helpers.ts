import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { RecordedRequest } from '../fakes/discord';

/** Helpers of the replicas test: SQL set-up behind the API's back, and what to measure of the fake's log. */

export async function withSql<T>(url: string, work: (sql: Client) => Promise<T>): Promise<T> {
  const sql = new Client({ connectionString: url });
  await sql.connect();
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** A second LEAD key (the bootstrap key's per-minute budget belongs to the rate-limit test). */
export async function insertLeadKey(url: string, name: string): Promise<string> {
  const key = `${name}-${randomBytes(24).toString('hex')}`;
  await withSql(url, async (sql) => {
    const { rows } = await sql.query<{ id: string }>(`INSERT INTO "Person" (id, "displayName") VALUES (gen_random_uuid(), $1) RETURNING id`, [name]);
    await sql.query(`INSERT INTO "ApiKey" (id, name, prefix, hash, role, "personId") VALUES (gen_random_uuid(), $1, $2, $3, 'LEAD', $4)`, [
      name,
      key.slice(0, 8),
      createHash('sha256').update(key).digest('hex'),
      rows[0].id,
    ]);
  });
  return key;
}

/** "Me too" votes that asked to be told when the report is resolved. */
export async function insertNotifiedVoters(url: string, caseNumber: number, userIds: string[]): Promise<void> {
  await withSql(url, async (sql) => {
    const { rows } = await sql.query<{ id: string }>(`SELECT id FROM "Case" WHERE number = $1`, [caseNumber]);
    for (const userId of userIds) {
      await sql.query(`INSERT INTO "CaseVote" ("caseId", "userId", "userName", notify, locale) VALUES ($1, $2, $3, true, 'en')`, [rows[0].id, userId, `voter ${userId.slice(-4)}`]);
    }
  });
}

/** Discord calls that count towards the bot's global limit (Discord: interaction endpoints do not). */
export const countsGlobally = (r: RecordedRequest) => r.route !== null && !r.route.startsWith('/interactions/') && !r.route.startsWith('/webhooks/{webhook_id}/{webhook_token}');

/** The most requests in any one-second window, whatever its alignment (sliding over every request). */
export function busiestSecond(requests: RecordedRequest[]): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < times.length; start++) {
    while (end < times.length && times[end] < times[start] + 1000) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

/** The sum of a replica's `bridge_external_calls_total{service="discord"}` series. */
export async function discordCallsOf(baseUrl: string, metricsToken: string): Promise<number> {
  const response = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('bridge_external_calls_total{') && line.includes('service="discord"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
