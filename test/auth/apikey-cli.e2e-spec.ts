import { Role } from '../../src/generated/prisma/enums';
import { runCli } from '../utils/run-cli';
import { createTestApp, TestApp } from '../utils/test-app';

/** `bridge apikey …` (npm run apikey is an alias of it), as a child process. */
const apikey = (args: string[], env: Record<string, string>) => runCli(['apikey', ...args], env);

describe('bridge apikey', () => {
  let t: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    env = { DATABASE_URL: t.databaseUrl, MIGRATE_ON_BOOT: 'false' };
  });
  afterAll(() => t.close());

  it('creates a key, printed once with a warning, that works over HTTP; lists keys without secrets; revokes at once', async () => {
    const created = await apikey(['create', '--name', 'cli-lead', '--person', 'Mia from Support', '--role', 'lead'], env);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain('Created lead API key "cli-lead"');
    expect(created.stdout).toContain('for Mia from Support');
    expect(created.stdout).toMatch(/not shown again/);
    const key = /^\s+(bk_\S+)$/m.exec(created.stdout)![1];
    expect(created.stderr).not.toContain(key);
    const asLead = { authorization: `Bearer ${key}` };
    const keys = await t.request({ method: 'GET', url: '/api/keys', headers: asLead });
    expect(keys.statusCode).toBe(200);
    expect(keys.json()).toEqual([expect.objectContaining({ name: 'cli-lead', role: 'LEAD', person: expect.objectContaining({ displayName: 'Mia from Support' }) })]);
    expect((await t.request({ method: 'POST', url: '/api/cases', headers: asLead, payload: { type: 'BUG', title: 'x', description: 'y' } })).statusCode).toBe(201);

    const viewer = await t.keyFor(Role.VIEWER, 'dashboard');
    const list = await apikey(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+NAME\s+PERSON\s+ROLE\s+PREFIX\s+CREATED\s+LAST USED\s+STATUS$/m);
    expect(list.stdout).toMatch(new RegExp(`cli-lead\\s+Mia from Support\\s+lead\\s+${key.slice(0, 10)}\\s.*active$`, 'm'));
    expect(list.stdout).toMatch(/dashboard\s+dashboard\s+viewer\s.*active$/m);
    expect(list.stdout).not.toContain(key);
    expect(list.stdout).not.toContain(viewer.authorization.slice('Bearer '.length));

    // Revoked through the CLI, the key stops working at once in the running service.
    expect((await t.request({ method: 'GET', url: '/api/cases', headers: viewer })).statusCode).toBe(200);
    const revoked = await apikey(['revoke', 'dashboard'], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain('Revoked API key "dashboard"');
    expect((await t.request({ method: 'GET', url: '/api/cases', headers: viewer })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/cases', headers: asLead })).statusCode).toBe(200);
  });

  it('explains a failure (a taken name) on stderr with exit code 1, and prints no key', async () => {
    await t.keyFor(Role.AGENT, 'already-there');
    const taken = await apikey(['create', '--name', 'ALREADY-there', '--person', 'Someone', '--role', 'agent'], env);
    expect(taken).toMatchObject({ code: 1, stdout: '' });
    expect(taken.stderr).toContain('An API key named "ALREADY-there" already exists');
    expect(taken.stderr).not.toMatch(/bk_/);
  });

  it('answers bad arguments with the usage text and exit code 2, and a bad configuration with one naming the variable', async () => {
    // Every parsing rule is unit-tested in src/auth/api-key-cli.spec.ts; this checks the exit code and output.
    const [badRole, badUrl] = await Promise.all([
      apikey(['create', '--name', 'x', '--person', 'X', '--role', 'admin'], env),
      apikey(['list'], { DATABASE_URL: 'mysql://localhost/x' }),
    ]);
    expect(badRole).toMatchObject({ code: 2, stdout: '' });
    expect(badRole.stderr).toContain('Invalid --role "admin"');
    expect(badRole.stderr).toContain('Usage:');
    expect(badRole.stderr).toContain('bridge apikey create --name <key name> --person "<display name>" --role lead|agent|viewer');
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('DATABASE_URL');
    expect(await t.prisma.apiKey.count({ where: { name: 'x' } })).toBe(0);
  });
});
