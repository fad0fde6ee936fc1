// A database that cannot be used is one line naming DATABASE_URL, host and port, never the password.
import { DatabaseUnavailableError, probeDatabase } from '../../src/database/connection-errors';
import { runCli } from '../utils/run-cli';
import { freePort } from '../utils/service-process';

const adminUrl = () => new URL(process.env.TEST_PG_ADMIN_URL!);

async function failure(url: string): Promise<string> {
  const error = await probeDatabase(url).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DatabaseUnavailableError);
  return (error as Error).message;
}

describe('database connection errors', () => {
  it('names DATABASE_URL, the host and port and what to check when the password is refused', async () => {
    const url = adminUrl();
    url.password = 'not-the-password-4711';
    const message = await failure(url.toString());
    expect(message).toBe(`The database at ${url.hostname}:${url.port} (DATABASE_URL) refused the password for user "${url.username}": check the user and password in DATABASE_URL.`);
  });

  it('says so when nothing listens, or the database does not exist', async () => {
    const port = await freePort();
    expect(await failure(`postgresql://bridge:secret-pw@127.0.0.1:${port}/bridge`)).toBe(
      `Cannot reach the database at 127.0.0.1:${port} (DATABASE_URL): connection refused. Check that Postgres runs there and that the host and port in DATABASE_URL are right.`,
    );
    const url = adminUrl();
    url.pathname = '/no_such_database';
    expect(await failure(url.toString())).toContain('The database "no_such_database" does not exist at');
  });

  it('is one line from a CLI too, without a stack trace or the password', async () => {
    const port = await freePort();
    const run = await runCli(['apikey', 'list'], { DATABASE_URL: `postgresql://bridge:secret-pw@127.0.0.1:${port}/bridge` });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`Error: Cannot reach the database at 127.0.0.1:${port} (DATABASE_URL): connection refused. Check that Postgres runs there and that the host and port in DATABASE_URL are right.`);
  });
});
