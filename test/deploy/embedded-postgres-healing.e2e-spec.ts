// The service on its embedded Postgres, as separate processes: CLIs join its running server, a
// killed server is restarted, a killed service's orphan is taken over at the next start, and a
// server that cannot come back makes the service exit non-zero for its supervisor.
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../src/database/postmaster-pid';
import { eventually } from '../utils/eventually';
import { runCli } from '../utils/run-cli';
import { freePort, ServiceProcess } from '../utils/service-process';

jest.setTimeout(240_000);

const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

describe('the service on its embedded Postgres', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bridge-healing-'));
  const dataDir = join(dir, 'pg');
  let env: Record<string, string>;
  const services: ServiceProcess[] = [];
  const start = async () => {
    const service = new ServiceProcess(env);
    services.push(service);
    await service.ready();
    return service;
  };

  beforeAll(async () => {
    env = { PORT: String(await freePort()), HOST: '127.0.0.1', EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), KB_IMPORT_ON_EMPTY: 'false' };
  });
  afterAll(async () => {
    for (const service of services) await service.terminate();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs JSON when stdout is no terminal, with the banner last, GET / redirecting to the web desk and health probes unlogged', async () => {
    const service = await start();
    const banner = service.output.slice(service.output.indexOf('Support bridge ready at'));
    expect(banner).not.toContain('{"level"');
    expect(service.output).toMatch(/^\{"level":30,.*"msg":"Embedded Postgres ready on 127\.0\.0\.1:\d+/m);
    expect(service.output).not.toContain('Mapped {'); // Nest's route list is debug detail
    const before = service.output.length;
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    expect((await service.readiness()).status).toBe(200);
    const root = await fetch(`${service.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/desk');
    await eventually(() => service.output.slice(before).includes('"url":"/"'), 10_000, 'the request log of GET /');
    expect(service.output.slice(before)).not.toContain('/health');
  });

  it('lets bridge migrate and bridge kb import use the running server instead of starting a second one', async () => {
    const service = services[0];
    const cliEnv = { EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: env.EMBEDDED_PG_PORT };
    const migrate = await runCli(['migrate'], cliEnv);
    expect(migrate).toMatchObject({ code: 0 });
    expect(migrate.stderr).toContain('Using the running embedded Postgres');
    expect(migrate.stdout).toContain('the schema is up to date');
    const kb = await runCli(['kb', 'import'], cliEnv);
    expect(kb).toMatchObject({ code: 0 });
    expect(kb.stdout).toMatch(/^\d+ created, 0 updated, 0 unchanged, 0 skipped\.$/m);
    expect(kb.stderr).toMatch(/imported \d+\/\d+/);
    // A different EMBEDDED_PG_PORT does not matter: the port comes from the server's own pid file.
    const key = await runCli(['apikey', 'create', '--name', 'ops', '--person', 'Ops', '--role', 'lead'], { ...cliEnv, EMBEDDED_PG_PORT: '5999' });
    expect(key).toMatchObject({ code: 0 });
    const token = /^\s+(bk_\S+)$/m.exec(key.stdout)![1];
    const articles = await fetch(`${service.url}/api/kb/articles?locale=en`, { headers: { authorization: `Bearer ${token}` } });
    expect(articles.status).toBe(200);
    expect(((await articles.json()) as unknown[]).length).toBeGreaterThan(0);
  });

  it('restarts the embedded server when it is killed, readiness failing only meanwhile', async () => {
    const service = services[0];
    const first = postmasterPid(dataDir);
    process.kill(first, 'SIGKILL');
    await eventually(async () => (await service.readiness()).status === 200 && postmasterPid(dataDir) !== first, 60_000, 'readiness after the restart');
    expect(service.output).toContain('Embedded Postgres stopped unexpectedly (killed by SIGKILL): restarting it');
    expect(service.output).toContain('Embedded Postgres restarted');
    expect((await service.readiness()).body).toEqual({ status: 'ready', database: 'up', queueWorker: 'running' });
  });

  it('starts after kill -9 of the service, stopping the orphaned server of its data directory', async () => {
    const killed = services[0];
    const orphan = postmasterPid(dataDir);
    killed.kill('SIGKILL');
    await killed.stopped();
    expect(isAlive(orphan)).toBe(true); // left behind, holding the data directory
    const next = await start();
    expect(next.output).toContain(`Stopping the embedded Postgres (pid ${orphan}) left running`);
    expect(isAlive(orphan)).toBe(false);
    expect((await next.readiness()).status).toBe(200);
  });

  it('refuses to start a second service on a data directory a live one uses', async () => {
    const second = new ServiceProcess({ ...env, PORT: String(await freePort()) });
    services.push(second);
    expect((await second.stopped(60_000)).code).toBe(1);
    expect(second.output).toMatch(/The embedded Postgres of .* already runs \(pid \d+, port \d+\) for process \d+/);
    expect((await services[services.length - 2].readiness()).status).toBe(200);
  });

  it('exits non-zero when the killed server cannot be restarted', async () => {
    const service = services[services.length - 2];
    // Without PG_VERSION the folder is no data directory any more: every restart fails.
    renameSync(join(dataDir, 'PG_VERSION'), join(dir, 'PG_VERSION'));
    process.kill(postmasterPid(dataDir), 'SIGKILL');
    expect((await service.stopped(90_000)).code).toBe(1);
    expect(service.output).toContain('Embedded Postgres could not be restarted, exiting');
    renameSync(join(dir, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  });
});
