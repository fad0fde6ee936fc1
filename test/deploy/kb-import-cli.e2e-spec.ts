// bridge kb import: idempotent, with progress, and never overwriting an article edited through the API.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/generated/prisma/enums';
import { runCli } from '../utils/run-cli';
import { createTestApp, TestApp } from '../utils/test-app';

describe('bridge kb import', () => {
  let t: TestApp;
  let env: Record<string, string>;
  const folder = mkdtempSync(join(tmpdir(), 'kb-import-'));
  const write = (slug: string, title: string, body: string) => {
    mkdirSync(join(folder, 'en'), { recursive: true });
    writeFileSync(join(folder, 'en', `${slug}.md`), `---\nslug: ${slug}\nlocale: en\ntitle: ${title}\ntags: [a, b]\n---\n${body}\n`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    env = { DATABASE_URL: t.databaseUrl, MIGRATE_ON_BOOT: 'false' };
  });
  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('creates, updates, leaves unchanged, and skips (naming them) articles edited through the API since the import', async () => {
    write('deploy-test-refunds', 'Refunds', 'Ask within 14 days.');
    write('deploy-test-lag', 'Lag', 'Restart the router.');
    const first = await runCli(['kb', 'import', folder], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toContain('2 created, 0 updated, 0 unchanged, 0 skipped.');
    expect(first.stderr).toContain('imported 2/2');

    const lead = await t.keyFor(Role.LEAD);
    const refunds = await t.request({ method: 'GET', url: '/api/kb/articles?locale=en', headers: lead });
    const id = (refunds.json() as { id: string; slug: string }[]).find((a) => a.slug === 'deploy-test-refunds')!.id;
    const edit = await t.request({ method: 'PATCH', url: `/api/kb/articles/${id}`, headers: lead, payload: { body: 'Edited by support: ask within 30 days.' } });
    expect(edit.statusCode).toBe(200);

    write('deploy-test-refunds', 'Refunds', 'Ask within 21 days.');
    write('deploy-test-lag', 'Lag', 'Restart the router, then the game.');
    const second = await runCli(['kb', 'import', folder], env);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toContain('0 created, 1 updated, 0 unchanged, 1 skipped.');
    expect(second.stdout).toMatch(/Skipped \(edited through the API[^\n]*\n {2}en\/deploy-test-refunds$/m);
    const rows = await t.prisma.article.findMany({ where: { locale: 'en', slug: { in: ['deploy-test-refunds', 'deploy-test-lag'] } }, orderBy: { slug: 'asc' } });
    expect(rows.map((r) => r.body)).toEqual(['Restart the router, then the game.', 'Edited by support: ask within 30 days.']);

    const third = await runCli(['kb', 'import', folder], env);
    expect(third.stdout).toContain('0 created, 0 updated, 1 unchanged, 1 skipped.');
  });

  it('answers bad usage with exit code 2', async () => {
    const bad = await runCli(['kb', 'export'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: bridge kb import [folder]');
  });
});
