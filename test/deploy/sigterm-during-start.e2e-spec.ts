import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../src/database/postmaster-pid';
import { eventually } from '../utils/eventually';
import { freePort, ServiceProcess } from '../utils/service-process';

jest.setTimeout(180_000);

/**
 * SIGTERM (a deploy, a Ctrl-C) while the real process still starts on its embedded Postgres, before
 * Nest's shutdown hooks exist: it exits with code 0 and its Postgres server goes with it, rather
 * than Node dying of the signal and leaving the server running.
 */
describe('SIGTERM while the service starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-early-stop-'));
  let service: ServiceProcess | undefined;
  afterEach(async () => {
    if (service && !service.exit) service.kill('SIGKILL');
    await service?.stopped().catch(() => undefined);
    service = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (name: string) => {
    const dataDir = join(dir, name);
    service = new ServiceProcess({ PORT: String(await freePort()), HOST: '127.0.0.1', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), KB_IMPORT_ON_EMPTY: 'false' });
    return { service, pidFile: join(dataDir, 'postmaster.pid') };
  };
  const postgresPid = (pidFile: string) => Number(readFileSync(pidFile, 'utf8').split('\n')[0]);

  /** Exit code 0 and the embedded server gone with the service. */
  async function expectStoppedWithItsPostgres(running: ServiceProcess, pid: number) {
    expect(await running.stopped(30_000)).toEqual({ code: 0, signal: null });
    await eventually(() => !isAlive(pid), 15_000, 'the embedded Postgres to stop');
  }

  it('while its embedded Postgres starts', async () => {
    const { service: running, pidFile } = await start('starting');
    await eventually(() => existsSync(pidFile) && postgresPid(pidFile) > 0, 60_000, 'the Postgres server to be started');
    const pid = postgresPid(pidFile);
    running.kill('SIGTERM');
    await expectStoppedWithItsPostgres(running, pid);
    expect(running.output).toContain('Stopped by SIGTERM during start-up');
    expect(running.output).not.toContain('Support bridge ready at');
  });

  // The app may be built by the time the signal lands (then its own hooks stop it): either way, a clean stop.
  it('after its embedded Postgres is ready, while the app is built', async () => {
    const { service: running, pidFile } = await start('building');
    await eventually(() => running.output.includes('Embedded Postgres ready on'), 60_000, 'the Postgres server to be ready');
    const pid = postgresPid(pidFile);
    running.kill('SIGTERM');
    await expectStoppedWithItsPostgres(running, pid);
  });
});
