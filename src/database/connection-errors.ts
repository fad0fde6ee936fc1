import { Client } from 'pg';

/**
 * One line for a database that cannot be used: which variable, which host and port (never the
 * password), what went wrong and what to check, instead of a driver stack trace.
 */
export class DatabaseUnavailableError extends Error {}

function where(url: string): { host: string; port: string; user: string; database: string } {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname || 'localhost',
      port: parsed.port || '5432',
      user: decodeURIComponent(parsed.username),
      database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username),
    };
  } catch {
    return { host: '?', port: '?', user: '?', database: '?' };
  }
}

export function describeDatabaseError(url: string, error: unknown, source = 'DATABASE_URL'): string {
  const { host, port, user, database } = where(url);
  const at = `${host}:${port}`;
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case '28P01':
      return `The database at ${at} (${source}) refused the password for user "${user}": check the user and password in ${source}.`;
    case '28000':
      return `The database at ${at} (${source}) does not let user "${user}" connect (${e.message}): check the user in ${source} and the server's pg_hba.conf.`;
    case '3D000':
      return `The database "${database}" does not exist at ${at} (${source}): create it, or fix the database name in ${source}.`;
    case '57P03':
      return `The database at ${at} (${source}) is starting up or shutting down: try again in a moment.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot resolve the database host "${host}" (${source}): check the host name in ${source}.`;
    case 'ECONNREFUSED':
      return `Cannot reach the database at ${at} (${source}): connection refused. Check that Postgres runs there and that the host and port in ${source} are right.`;
    default:
      if (/timeout|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/i.test(`${e.code} ${e.message}`)) {
        return `Cannot reach the database at ${at} (${source}): no answer. Check the host and port in ${source}, and any firewall between.`;
      }
      return `Cannot use the database at ${at} (${source}): ${e.message ?? String(error)}. Check ${source}.`;
  }
}

/** Connects once and disconnects; throws DatabaseUnavailableError with the one-line explanation. */
export async function probeDatabase(url: string, source = 'DATABASE_URL'): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(describeDatabaseError(url, error, source));
  } finally {
    await client.end().catch(() => undefined);
  }
}
